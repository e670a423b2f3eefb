"""Body HTML sanitising: active content removed, text, links, images and tables kept."""

from __future__ import annotations

import unicodedata

from lxml import html as lxml_html

from portals.parsing.sanitize import sanitize_html


def _tree(fragment: str):
    return lxml_html.fragment_fromstring(fragment, create_parent="div")


def test_script_removed_with_its_content_text_kept():
    out = sanitize_html('<p>Sở KH&amp;CN <script>document.write("quảng cáo")</script>Hải Phòng</p>')
    assert "<script" not in out
    assert "quảng cáo" not in out
    assert "document.write" not in out
    assert _tree(out).text_content() == "Sở KH&CN Hải Phòng"


def test_style_element_removed_with_its_content():
    out = sanitize_html("<style>p { color: red }</style><p>Văn bản</p>")
    assert "color" not in out
    assert out == "<p>Văn bản</p>"


def test_onerror_removed_img_src_and_alt_kept():
    out = sanitize_html(
        '<img src="http://hpstic.vn/Uploads/a.jpg" alt="Ảnh hội nghị" onerror="x()">'
    )
    img = _tree(out).find("img")
    assert "onerror" not in out
    assert img.get("src") == "http://hpstic.vn/Uploads/a.jpg"
    assert img.get("alt") == "Ảnh hội nghị"


def test_onclick_and_javascript_href_removed_link_text_kept():
    out = sanitize_html('<a href="javascript:alert(1)" onclick="steal()">Xem chi tiết</a>')
    a = _tree(out).find("a")
    assert "onclick" not in out
    assert "javascript" not in out.lower()
    assert a.get("href") is None
    assert a.text == "Xem chi tiết"


def test_javascript_href_in_mixed_case_removed():
    out = sanitize_html('<a href="JaVaScRiPt:alert(1)">x</a><a href=" javascript:alert(2)">y</a>')
    assert "alert" not in out
    assert [a.get("href") for a in _tree(out).iter("a")] == [None, None]


def test_http_and_https_links_kept():
    out = sanitize_html(
        '<a href="https://most.gov.vn/vn/tin-tuc/1.aspx" target="_blank">Bộ KH&amp;CN</a> '
        '<a href="http://hpstic.vn/tin/2.aspx">Tin liên quan</a>'
    )
    links = list(_tree(out).iter("a"))
    assert [a.get("href") for a in links] == [
        "https://most.gov.vn/vn/tin-tuc/1.aspx",
        "http://hpstic.vn/tin/2.aspx",
    ]
    assert [a.text_content() for a in links] == ["Bộ KH&CN", "Tin liên quan"]
    assert "target" not in out


def test_iframe_removed():
    out = sanitize_html(
        '<p>Video:</p><iframe src="https://www.youtube.com/embed/abc123" width="560"></iframe>'
    )
    assert "iframe" not in out
    assert "youtube" not in out
    assert out.startswith("<p>Video:</p>")


def test_javascript_img_src_removed():
    out = sanitize_html('<img src="javascript:alert(1)" alt="x">')
    assert "javascript" not in out
    assert _tree(out).find("img").get("src") is None


def test_style_and_class_attributes_removed():
    out = sanitize_html(
        '<p style="text-align:center" class="MsoNormal">Chữ</p>'
        '<img src="http://hpstic.vn/a.jpg" style="width:600px">'
    )
    assert "style" not in out
    assert "class" not in out
    assert "<p>Chữ</p>" in out
    assert _tree(out).find("img").get("src") == "http://hpstic.vn/a.jpg"


def test_tables_kept_with_spans():
    out = sanitize_html(
        '<table border="1" style="width:100%"><tbody><tr>'
        '<th scope="col">Năm</th><th>Số đề tài</th></tr>'
        '<tr><td colspan="2" style="color:red">Tổng: 45</td></tr></tbody></table>'
    )
    table = _tree(out).find("table")
    assert table is not None
    assert [c.text_content() for c in table.iter("th", "td")] == ["Năm", "Số đề tài", "Tổng: 45"]
    assert table.find(".//td").get("colspan") == "2"
    assert "style" not in out
    assert "border" not in out


def test_unknown_wrappers_dropped_text_kept():
    out = sanitize_html('<div><span>Khoa học</span> <font color="red">công nghệ</font></div>')
    assert out == "Khoa học công nghệ"


def test_vietnamese_text_unchanged():
    text = "Nghiệm thu đề tài “Ứng dụng công nghệ nuôi thủy sản” – đạt 100% © Sở KH&CN"
    assert unicodedata.is_normalized("NFC", text)
    out = sanitize_html(f"<p>{text.replace('&', '&amp;')}</p>")
    assert out == f"<p>{text.replace('&', '&amp;')}</p>"
    assert _tree(out).text_content() == text


def test_comments_removed():
    out = sanitize_html("<p>Nội dung<!-- [if gte mso 9]> Word <![endif] --></p>")
    assert out == "<p>Nội dung</p>"
