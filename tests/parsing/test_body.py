"""Article body extraction: paragraphs at block boundaries, images with their captions."""

from __future__ import annotations

import unicodedata

import pytest
from lxml import html as lxml_html
from parsel import Selector

from portals.parsing.body import Body, extract_body

BASE = "http://hpstic.vn/Tin-tuc/khcn/chi-tiet.aspx?nid=17522"

LONG_PARAGRAPH = (
    "Theo báo cáo của Sở Khoa học và Công nghệ, trong năm 2024 thành phố đã triển khai "
    "45 nhiệm vụ khoa học và công nghệ cấp thành phố, trong đó có 12 nhiệm vụ mới, tập trung "
    "vào các lĩnh vực nông nghiệp công nghệ cao, thủy sản, y tế và chuyển đổi số. Nhiều kết "
    "quả nghiên cứu đã được ứng dụng hiệu quả vào thực tiễn sản xuất và đời sống của người dân."
)


def _body(fragment: str, drop: tuple[str, ...] = ()) -> Body:
    return extract_body(lxml_html.fromstring(fragment), BASE, drop)


def _html_text(body: Body) -> str:
    """The visible text of the body's sanitised HTML."""
    return lxml_html.fragment_fromstring(body.html, create_parent="div").text_content()


# --- words and paragraphs --------------------------------------------------------------


def test_span_inside_word_does_not_split_it():
    body = _body("<div><p>Đánh giá h<span>oạt động</span> khoa học năm 2024.</p></div>")
    assert body.paragraphs == ["Đánh giá hoạt động khoa học năm 2024."]


def test_strong_inside_word_does_not_split_it():
    body = _body("<div><p>Nghiệm thu đề tài nuôi th<strong>ủy sản</strong> tại Cát Hải.</p></div>")
    assert body.paragraphs == ["Nghiệm thu đề tài nuôi thủy sản tại Cát Hải."]


def test_nested_inline_tags_join_without_spaces():
    body = _body(
        '<div><p><span style="font-size:14px"><b>Sở K</b><i>hoa h<u>ọc</u></i></span>'
        "<a href='/x'> và Công nghệ</a></p></div>"
    )
    assert body.paragraphs == ["Sở Khoa học và Công nghệ"]


def test_newlines_inside_text_nodes_become_spaces():
    body = _body(
        "<div><p>Sở Khoa học\nvà Công nghệ\r\n   thành phố\tHải Phòng\n</p>"
        "<p>Hội\n<strong>nghị</strong>\ntổng kết</p></div>"
    )
    assert body.paragraphs == [
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        "Hội nghị tổng kết",
    ]


def test_nbsp_folded_inside_paragraph():
    body = _body("<div><p>Chuyển&nbsp;đổi&nbsp;&nbsp;số&nbsp;</p><p>&nbsp;</p></div>")
    assert body.paragraphs == ["Chuyển đổi số"]


def test_block_boundaries_make_paragraphs():
    body = _body(
        "<div>"
        "<p>Đoạn mở đầu.</p>"
        "<div>Khối ngoài<div>Khối trong</div>phần sau khối trong</div>"
        "Dòng một<br>Dòng hai<br/><br/>Dòng ba"
        "<ul><li>Mục <b>một</b></li><li>Mục hai</li></ul>"
        "<h3>Tiêu đề phụ</h3>"
        "</div>"
    )
    assert body.paragraphs == [
        "Đoạn mở đầu.",
        "Khối ngoài",
        "Khối trong",
        "phần sau khối trong",
        "Dòng một",
        "Dòng hai",
        "Dòng ba",
        "Mục một",
        "Mục hai",
        "Tiêu đề phụ",
    ]


def test_indentation_between_blocks_makes_no_paragraph():
    body = _body("<div>\n  <p>Một</p>\n  \n  <p>Hai</p>\n</div>")
    assert body.paragraphs == ["Một", "Hai"]


def test_script_and_style_text_not_in_paragraphs_or_html():
    body = _body(
        "<div><p>Nội dung chính.</p><script>var luotXem = 123;</script>"
        "<style>.x{color:red}</style><noscript>Bật JavaScript</noscript></div>"
    )
    assert body.paragraphs == ["Nội dung chính."]
    assert "luotXem" not in body.html
    assert "color" not in body.html


# --- Unicode -------------------------------------------------------------------------------


NFD_FRAGMENT = unicodedata.normalize(
    "NFD",
    "<div><p>Nghiệm thu đề tài thủy sản ở Cát Hải</p>"
    '<figure><img src="/Uploads/anh.jpg" alt="Ảnh hội nghị">'
    "<figcaption>Quang cảnh hội nghị nghiệm thu</figcaption></figure></div>",
)


def test_nfd_fixture_is_really_decomposed():
    assert not unicodedata.is_normalized("NFC", NFD_FRAGMENT)


def test_nfd_input_gives_nfc_paragraphs_captions_and_alt():
    body = _body(NFD_FRAGMENT)
    assert body.paragraphs == ["Nghiệm thu đề tài thủy sản ở Cát Hải"]
    assert body.images[0].caption == "Quang cảnh hội nghị nghiệm thu"
    assert body.images[0].alt == "Ảnh hội nghị"


def test_nfd_input_gives_nfc_html():
    body = _body(NFD_FRAGMENT)
    assert unicodedata.is_normalized("NFC", body.html)
    assert "Nghiệm thu đề tài thủy sản ở Cát Hải" in body.html


# --- captions ------------------------------------------------------------------------------


def test_figcaption_attached_and_not_in_paragraphs():
    body = _body(
        "<div><p>Sáng 26/6, Sở KH&amp;CN tổ chức hội nghị.</p>"
        '<figure class="image"><img src="/Uploads/2024/hoi-nghi.jpg" alt="Hội nghị">'
        "<figcaption>Quang cảnh hội nghị.</figcaption></figure>"
        "<p>Hội nghị đã thông qua báo cáo.</p></div>"
    )
    assert [(i.url, i.caption) for i in body.images] == [
        ("http://hpstic.vn/Uploads/2024/hoi-nghi.jpg", "Quang cảnh hội nghị.")
    ]
    assert body.paragraphs == [
        "Sáng 26/6, Sở KH&CN tổ chức hội nghị.",
        "Hội nghị đã thông qua báo cáo.",
    ]


def test_ckeditor_caption_table_attached_and_not_in_paragraphs():
    body = _body(
        "<div><p>Phát biểu khai mạc hội nghị.</p>"
        '<table class="image" align="center"><tbody>'
        '<tr><td><img src="/Uploads/images/tran-hung.jpg" alt=""></td></tr>'
        '<tr><td class="image_desc">Đồng chí Trần Hùng phát biểu tại hội nghị.</td></tr>'
        "</tbody></table>"
        "<p>Nội dung tiếp theo.</p></div>"
    )
    assert len(body.images) == 1
    assert body.images[0].url == "http://hpstic.vn/Uploads/images/tran-hung.jpg"
    assert body.images[0].caption == "Đồng chí Trần Hùng phát biểu tại hội nghị."
    assert body.images[0].alt is None  # an empty alt is no alt
    assert body.paragraphs == ["Phát biểu khai mạc hội nghị.", "Nội dung tiếp theo."]


def test_centred_italic_line_after_image_is_its_caption():
    body = _body(
        "<div><p>Đoàn công tác đến thăm mô hình.</p>"
        '<p style="text-align:center"><img src="mo-hinh.jpg"></p>'
        '<p style="text-align: center;"><em>Các đại biểu tham quan mô hình nuôi tôm.</em></p>'
        "<p>Mô hình cho năng suất cao.</p></div>"
    )
    assert body.images[0].url == "http://hpstic.vn/Tin-tuc/khcn/mo-hinh.jpg"
    assert body.images[0].caption == "Các đại biểu tham quan mô hình nuôi tôm."
    assert body.paragraphs == ["Đoàn công tác đến thăm mô hình.", "Mô hình cho năng suất cao."]


def test_caption_repeated_twice_appears_once():
    caption = "Các đại biểu tham quan mô hình nuôi tôm."
    body = _body(
        '<div><p><img src="/Uploads/a.jpg"></p>'
        f'<p style="text-align:center"><em>{caption}</em></p>'
        f'<p style="text-align:center"><em>{caption}</em></p>'
        "<p>Nội dung bài viết.</p></div>"
    )
    occurrences = body.paragraphs.count(caption) + [i.caption for i in body.images].count(caption)
    assert occurrences == 1
    assert body.images[0].caption == caption
    assert body.paragraphs == ["Nội dung bài viết."]
    assert _html_text(body).count(caption) == 1


def test_figcaption_repeated_as_a_plain_line_appears_once():
    body = _body(
        '<div><figure><img src="/Uploads/a.jpg"><figcaption>Quang cảnh hội nghị.</figcaption>'
        "</figure><p>Quang cảnh hội nghị.</p><p>Quang cảnh hội nghị.</p><p>Nội dung.</p></div>"
    )
    assert body.images[0].caption == "Quang cảnh hội nghị."
    assert body.paragraphs == ["Nội dung."]


def test_long_paragraph_in_separate_block_after_image_is_not_a_caption():
    body = _body(f'<div><p><img src="/Uploads/a.jpg"></p><p>{LONG_PARAGRAPH}</p></div>')
    assert body.images[0].caption is None
    assert body.paragraphs == [LONG_PARAGRAPH]


def test_long_paragraph_in_same_block_after_image_is_not_a_caption():
    body = _body(f'<div><p><img src="/Uploads/a.jpg"><br>{LONG_PARAGRAPH}</p></div>')
    assert len(LONG_PARAGRAPH) > 300
    assert body.images[0].caption is None
    assert body.paragraphs == [LONG_PARAGRAPH]


def test_long_italic_centred_paragraph_is_not_a_caption():
    body = _body(
        '<div><p><img src="/Uploads/a.jpg"></p>'
        f'<p style="text-align:center"><em>{LONG_PARAGRAPH}</em></p></div>'
    )
    assert body.images[0].caption is None
    assert body.paragraphs == [LONG_PARAGRAPH]


def test_ordinary_unstyled_paragraph_after_image_is_not_a_caption():
    text = "Hội nghị đã thông qua kế hoạch năm 2025 với nhiều nhiệm vụ trọng tâm."
    body = _body(f'<div><p><img src="/Uploads/a.jpg"></p><p>{text}</p></div>')
    assert body.images[0].caption is None
    assert body.paragraphs == [text]


@pytest.mark.parametrize(
    "caption",
    [
        "Nông dân thu hoạch cá lóc nuôi trong bể lót bạt. Ảnh: Ngọc Hân",
        "Quang cảnh hội nghị (Ảnh: Minh Trang)",
        "Mô hình trồng nấm tại hợp tác xã (Ảnh minh họa)",
        "Delegates visit the greenhouse. Photo: VNA",
        "Lễ ký kết hợp tác. Ảnh: H.N",
    ],
)
def test_an_unstyled_line_after_an_image_ending_with_a_photo_credit_is_its_caption(caption):
    text = "Hội nghị đã thông qua kế hoạch năm 2025 với nhiều nhiệm vụ trọng tâm."
    body = _body(
        f'<div><div><img src="/Uploads/a.jpg"></div><div>{caption}</div><p>{text}</p></div>'
    )
    assert body.images[0].caption == caption
    assert body.paragraphs == [text]


@pytest.mark.parametrize("credit", ["Bài, ảnh: Hữu Phước", "Tin, ảnh: Minh Trang"])
def test_a_byline_after_the_last_image_is_not_its_caption(credit: str) -> None:
    text = "Hội nghị đã thông qua kế hoạch năm 2025 với nhiều nhiệm vụ trọng tâm."
    body = _body(f'<div><p>{text}</p><p><img src="/Uploads/a.jpg"></p><p>{credit}</p></div>')
    assert body.images[0].caption is None
    assert body.paragraphs == [text, credit]


def test_prose_that_names_a_photo_is_not_a_caption() -> None:
    text = "Ảnh chụp vệ tinh cho thấy diện tích rừng ngập mặn tăng 12% so với năm 2020."
    body = _body(f'<div><p><img src="/Uploads/a.jpg"></p><p>{text}</p></div>')
    assert body.images[0].caption is None
    assert body.paragraphs == [text]


# --- leaked file names -------------------------------------------------------------------


def test_leaked_image_file_name_line_dropped():
    name = "03HDKHLVketnoisangtaoAIQ12h2.jpg"
    body = _body(
        f'<div><p><img src="/Uploads/2024/{name}"></p><p>{name}</p>'
        "<p>Hội thảo kết nối sáng tạo AI.</p></div>"
    )
    assert body.paragraphs == ["Hội thảo kết nối sáng tạo AI."]
    assert [i.url for i in body.images] == [f"http://hpstic.vn/Uploads/2024/{name}"]
    assert name not in _html_text(body)


def test_leaked_file_name_of_other_image_dropped():
    body = _body("<div><p>Mở đầu.</p><p>IMG_20240626_083012.JPG</p><p>Kết thúc.</p></div>")
    assert body.paragraphs == ["Mở đầu.", "Kết thúc."]


def test_leaked_alt_token_dropped():
    body = _body(
        '<div><p><img src="/Uploads/tet.png" alt="ttet1"></p><p>ttet1</p>'
        "<p>Chúc mừng năm mới.</p></div>"
    )
    assert body.paragraphs == ["Chúc mừng năm mới."]
    assert body.images[0].alt == "ttet1"
    assert "ttet1" not in _html_text(body)


@pytest.mark.parametrize(
    "fragment",
    [
        '<div><p style="text-align:center"><img src="/Uploads/03HDKHLVketnoisangtaoAIQ12h2.jpg">'
        "<br>03HDKHLVketnoisangtaoAIQ12h2.jpg</p><p>Nội dung.</p></div>",
        '<div><p style="text-align:center"><img src="/Uploads/tet.png" alt="ttet1"></p>'
        '<p style="text-align:center"><em>ttet1</em></p><p>Nội dung.</p></div>',
    ],
    ids=["file-name-in-image-block", "alt-token-centred"],
)
def test_leaked_file_name_is_not_taken_as_caption(fragment):
    body = _body(fragment)
    assert body.paragraphs == ["Nội dung."]
    assert body.images[0].caption is None


def test_short_vietnamese_line_is_not_taken_for_a_file_name():
    body = _body("<div><p>Mở đầu.</p><p>Hà Nội</p><p>Kết thúc.</p></div>")
    assert body.paragraphs == ["Mở đầu.", "Hà Nội", "Kết thúc."]


# --- images --------------------------------------------------------------------------------


def test_images_keep_page_order_and_absolute_urls():
    body = _body(
        "<div>"
        '<p><img src="/Uploads/a1.jpg" alt="Ảnh 1"></p><p>Đoạn một.</p>'
        '<p><img src="https://cdn.hpstic.vn/b2.png"> <img src="../c3.jpg"></p>'
        '<p>Đoạn hai.</p><p><img src="//static.hpstic.vn/d4.gif"></p>'
        '<p><img data-src="e5.jpg" class="lazy"></p>'
        "</div>"
    )
    assert [i.url for i in body.images] == [
        "http://hpstic.vn/Uploads/a1.jpg",
        "https://cdn.hpstic.vn/b2.png",
        "http://hpstic.vn/Tin-tuc/c3.jpg",
        "http://static.hpstic.vn/d4.gif",
        "http://hpstic.vn/Tin-tuc/khcn/e5.jpg",
    ]
    assert body.images[0].alt == "Ảnh 1"
    srcs = lxml_html.fragment_fromstring(body.html, create_parent="div").xpath("//img/@src")
    assert srcs[:4] == [i.url for i in body.images[:4]]


def test_data_uri_images_skipped():
    body = _body(
        '<div><p><img src="data:image/png;base64,iVBORw0KGgo="></p>'
        '<p><img src="/Uploads/that.jpg"></p><p>Nội dung.</p></div>'
    )
    assert [i.url for i in body.images] == ["http://hpstic.vn/Uploads/that.jpg"]


def test_lazy_image_with_data_uri_placeholder_uses_real_source():
    body = _body(
        '<div><p><img class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="'
        ' data-src="/Uploads/2024/hoi-nghi.jpg"></p><p>Nội dung.</p></div>'
    )
    assert [i.url for i in body.images] == ["http://hpstic.vn/Uploads/2024/hoi-nghi.jpg"]


def test_lazy_image_with_a_placeholder_file_uses_its_real_source():
    body = _body(
        '<div><table><tr><td><img class="lazy" src="/images/blank.gif"'
        ' data-src="/upload/news/tram-do-man.jpg"></td></tr>'
        "<tr><td><em>Trạm quan trắc độ mặn tự động.</em></td></tr></table>"
        "<p>Nội dung bài viết.</p></div>"
    )
    assert [(i.url, i.caption) for i in body.images] == [
        ("http://hpstic.vn/upload/news/tram-do-man.jpg", "Trạm quan trắc độ mặn tự động.")
    ]


def test_a_figures_noscript_copy_of_its_lazy_picture_is_not_a_second_image():
    body = _body(
        '<div><figure><img src="data:image/svg+xml,%3Csvg%3E" data-lazy-src="/a.jpg">'
        '<noscript><img src="/a.jpg"></noscript><figcaption>Cán bộ kiểm tra.</figcaption>'
        "</figure><p>Nội dung bài viết.</p></div>"
    )
    assert [(i.url, i.caption) for i in body.images] == [
        ("http://hpstic.vn/a.jpg", "Cán bộ kiểm tra.")
    ]


def test_each_picture_of_a_gallery_keeps_its_own_caption():
    pictures = "".join(
        f'<figure class="wp-block-image"><img src="/g{n}.jpg"><figcaption>Ảnh {n}.</figcaption>'
        "</figure>"
        for n in (1, 2, 3)
    )
    body = _body(f'<div><figure class="wp-block-gallery">{pictures}</figure><p>Nội dung.</p></div>')
    assert [i.caption for i in body.images] == ["Ảnh 1.", "Ảnh 2.", "Ảnh 3."]
    assert body.paragraphs == ["Nội dung."]


def test_lazy_image_source_is_written_to_the_stored_html():
    body = _body(
        '<div><p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="'
        ' data-original="/Uploads/2024/hoi-nghi.jpg"></p><p>Nội dung.</p></div>'
    )
    assert 'src="http://hpstic.vn/Uploads/2024/hoi-nghi.jpg"' in body.html
    assert "data:image" not in body.html


def test_line_after_an_image_in_a_br_laid_block_is_body_text_when_more_follows():
    body = _body(
        "<div>Mở đầu bài viết.<br><img src='/Uploads/a.jpg'><br>"
        "Theo báo cáo của Sở, thành phố đã triển khai 45 nhiệm vụ khoa học.<br>"
        "Kết thúc bài viết.</div>"
    )
    assert body.images[0].caption is None
    assert body.paragraphs == [
        "Mở đầu bài viết.",
        "Theo báo cáo của Sở, thành phố đã triển khai 45 nhiệm vụ khoa học.",
        "Kết thúc bài viết.",
    ]


def test_line_closing_the_image_block_is_its_caption():
    body = _body(
        "<div><p>Mở đầu bài viết.</p><p><img src='/Uploads/a.jpg'><br>Quang cảnh hội nghị.</p>"
        "<p>Kết thúc bài viết.</p></div>"
    )
    assert body.images[0].caption == "Quang cảnh hội nghị."
    assert body.paragraphs == ["Mở đầu bài viết.", "Kết thúc bài viết."]


def test_image_without_source_skipped():
    body = _body('<div><p><img alt="Ảnh"><img src="  "></p><p>Nội dung.</p></div>')
    assert body.images == []
    assert body.paragraphs == ["Nội dung."]


LEAD_THUMBNAIL = """<div class="detail">
  <div class="clearfix">
    <figure class="article left"><img src="/assets/news/2021_01/kiem-tra-xang-dau.jpg"
      class="img-thumbnail" alt="Kiểm tra xăng dầu"></figure>
    <div class="hometext">Chi cục đã kiểm tra các cửa hàng xăng dầu dịp Tết.</div>
  </div>
  <div class="bodytext">
    <p>Đoàn kiểm tra đã làm việc tại 14 cửa hàng.</p>
    <p style="text-align:center"><img src="/uploads/news/2021_01/kiem-tra-xang-dau.jpg"></p>
    <p style="text-align:center"><em>Đoàn kiểm tra lấy mẫu xăng.</em></p>
  </div>
</div>"""


def test_a_lead_boxs_thumbnail_of_a_body_photo_is_one_picture_with_its_caption():
    body = _body(LEAD_THUMBNAIL)
    assert [(i.url.split("/")[3], i.caption) for i in body.images] == [
        ("uploads", "Đoàn kiểm tra lấy mẫu xăng.")
    ]
    assert "/assets/news/" not in body.html and "/uploads/news/" in body.html
    assert body.paragraphs[0] == "Chi cục đã kiểm tra các cửa hàng xăng dầu dịp Tết."


@pytest.mark.parametrize(
    "images",
    [
        # names that say nothing of the picture: two photos, as far as anyone can tell
        '<img src="/2024/05/image001.jpg"><img src="/2024/06/image001.jpg">',
        '<img src="/a/DSC_0123.JPG"><img src="/b/dsc_0123.jpg">',
        # the very same file shown twice is shown twice
        '<img src="/uploads/tong-ket.jpg"><p>Giữa.</p><img src="/uploads/tong-ket.jpg">',
    ],
)
def test_images_are_not_merged_by_a_name_that_says_nothing(images: str):
    assert len(_body(f"<div><p>Nội dung.</p>{images}</div>").images) == 2


# --- drop selectors, region and HTML ---------------------------------------------------


PAGE = """<html><body>
<div id="sidebar"><h3>Thống kê truy cập</h3><p>Đang trực tuyến : 9490</p></div>
<div class="news-content">
  <div class="font-size">Cỡ chữ: Giảm (A-) Mặc định (A) Tăng (A+)</div>
  <p>Ngày 26/6, Sở Khoa học và Công nghệ tổ chức hội nghị.</p>
  <p><img src="/Uploads/a1.jpg" alt="Hội nghị"></p>
  <p>03HDKHLVketnoisangtaoAIQ12h2.jpg</p>
  <p>Đoạn giữa bài, xem <a href="/Tin-tuc/2.aspx" onclick="track()">bài liên quan</a>.</p>
  <div class="rating">Đánh giá (Di chuột vào ngôi sao để chọn điểm)</div>
  <iframe src="https://www.youtube.com/embed/abc"></iframe>
  <p>Kết thúc.</p>
</div></body></html>"""
DROP = (".font-size", "div.rating")


def _region():
    return Selector(text=PAGE).css("div.news-content")[0].root


def test_drop_selectors_remove_widgets():
    body = extract_body(_region(), BASE, DROP)
    assert body.paragraphs == [
        "Ngày 26/6, Sở Khoa học và Công nghệ tổ chức hội nghị.",
        "Đoạn giữa bài, xem bài liên quan.",
        "Kết thúc.",
    ]
    assert "Cỡ chữ" not in body.html
    assert "Đánh giá" not in body.html


def test_without_drop_selectors_widgets_go_by_what_they_say():
    body = extract_body(_region(), BASE)
    assert body.paragraphs == extract_body(_region(), BASE, DROP).paragraphs
    assert "Cỡ chữ" not in body.html and "Đánh giá" not in body.html


def test_text_outside_region_ignored():
    body = extract_body(_region(), BASE, DROP)
    assert not any("truy cập" in p or "trực tuyến" in p for p in body.paragraphs)
    assert "truy cập" not in body.html


def test_region_is_not_modified():
    region = _region()
    before = lxml_html.tostring(region, encoding="unicode")
    extract_body(region, BASE, DROP)
    assert lxml_html.tostring(region, encoding="unicode") == before
    assert region.cssselect(".font-size")
    assert region.xpath("//img/@src") == ["/Uploads/a1.jpg"]
    assert region.xpath("//a/@href") == ["/Tin-tuc/2.aspx"]


def test_html_is_sanitised_with_absolute_links():
    body = extract_body(_region(), BASE, DROP)
    tree = lxml_html.fragment_fromstring(body.html, create_parent="div")
    assert tree.xpath("//a/@href") == ["http://hpstic.vn/Tin-tuc/2.aspx"]
    assert tree.xpath("//img/@src") == ["http://hpstic.vn/Uploads/a1.jpg"]
    assert "onclick" not in body.html
    assert "iframe" not in body.html
    assert "03HDKHLVketnoisangtaoAIQ12h2.jpg" not in tree.text_content()
    assert "Ngày 26/6, Sở Khoa học và Công nghệ tổ chức hội nghị." in tree.text_content()


def test_the_pages_icons_are_not_article_images() -> None:
    body = _body(
        '<div><div class="tools"><a href="javascript:window.print()"><img src="/i/print.gif">'
        ' In</a> <a href="mailto:?subject=x"><img src="/i/thu.gif"> Gửi email</a>'
        ' <img src="/theme/ic-share.png"> <img src="/theme/dot.png" width="8" height="8"></div>'
        f'<p>{LONG_PARAGRAPH}</p><p><img src="/uploads/2024/hoi-nghi-tong-ket.jpg" width="600">'
        "</p><p><em>Quang cảnh hội nghị.</em></p></div>"
    )
    assert [(image.url, image.caption) for image in body.images] == [
        ("http://hpstic.vn/uploads/2024/hoi-nghi-tong-ket.jpg", "Quang cảnh hội nghị.")
    ]
    for icon in ("print.gif", "thu.gif", "ic-share", "dot.png"):
        assert icon not in body.html
