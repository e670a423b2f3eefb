"""Elements a reader never sees are told by their inline style or attributes, and the body
leaves them out; what a reader sees is never taken for hidden."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from portals.parsing.body import extract_body
from portals.parsing.hidden import hidden_by_style, hidden_elements, is_hidden

BASE = "https://skhcn.hatinh.gov.vn/chi-tiet-tin-tuc/nghiem-thu-mo-hinh"
PROSE = (
    "Sở Khoa học và Công nghệ tổ chức nghiệm thu mô hình nuôi cá rô phi đơn tính trong lồng "
    "trên hồ Kẻ Gỗ, năng suất bình quân đạt 45 kg/m³ lồng, tỷ lệ sống trên 85%."
)

HIDING = [
    "display:none",
    "display: none;",
    "DISPLAY : NONE !important",
    "color:red; display:none",
    "display:block; display:none",  # the last declaration wins
    "/* spam */ display:none",
    "visibility:hidden",
    "visibility: collapse",
    "opacity:0",
    "font-size:0",
    "font-size:0px",
    "font-size: 1px",
    "font-size:0.5pt",
    "height:0; overflow:hidden",
    "max-height:1px;overflow:hidden",
    "width:0px; overflow: hidden",
    "position:absolute; left:-9999px",
    "position:absolute;left:-9999px;top:-9999px",
    "position: fixed; top: -5000px",
    "position:relative; left:-3000px",
    "position:absolute; right:-9999px",
    "position:absolute; left:-200em",
    "text-indent:-9999px",
    "margin-left:-9999px",
    "position:absolute; clip:rect(0 0 0 0)",
    "position:absolute; clip: rect(1px, 1px, 1px, 1px)",
]
SHOWING = [
    "",
    "display:block",
    "display:inline",
    "display:none-ish",
    "visibility:visible",
    "opacity:0.5",
    "font-size:14px",
    "font-size:0.9em",
    "font-size:80%",
    "height:0",  # without overflow:hidden the text still shows
    "height:200px; overflow:hidden",
    "position:absolute; left:-10px",  # a badge nudged over an edge
    "position:static; left:-9999px",  # offsets do nothing to an unpositioned element
    "top:-9999px",
    "text-indent:-2em",  # a hanging indent
    "text-align:justify; font-family:Times New Roman,Times,serif",
    "position:absolute; clip:rect(0 300px 200px 0)",
]


@pytest.mark.parametrize("style", HIDING)
def test_styles_that_hide(style: str) -> None:
    assert hidden_by_style(style)


@pytest.mark.parametrize("style", SHOWING)
def test_styles_that_show(style: str) -> None:
    assert not hidden_by_style(style)


@pytest.mark.parametrize(
    ("markup", "hidden"),
    [
        ("<div hidden>x</div>", True),
        ('<div hidden="hidden">x</div>', True),
        ('<div hidden="until-found">x</div>', False),  # revealed by the page's own search
        ('<div aria-hidden="true">x</div>', False),  # hidden from screen readers only
        ('<div class="hidden">x</div>', False),  # a class means what a style sheet says
        ('<span style="display:none">x</span>', True),
        ("<p>x</p>", False),
    ],
)
def test_attributes(markup: str, hidden: bool) -> None:
    assert is_hidden(lxml_html.fragment_fromstring(markup)) is hidden


def test_only_the_outermost_hidden_elements_and_never_the_region() -> None:
    region = lxml_html.fragment_fromstring(
        '<div style="display:none"><p>a</p>'
        '<div style="display:none"><p style="visibility:hidden">b</p></div>'
        '<p style="font-size:0">c</p><span hidden>d</span></div>'
    )
    assert hidden_elements(region) == [region[1], region[2], region[3]]


def test_hidden_elements_are_not_in_the_body_text_or_html() -> None:
    region = lxml_html.fragment_fromstring(
        f"<div><p>{PROSE}</p>"
        '<div class="print-footer" style="display:none">Bản in từ website Sở KH&amp;CN</div>'
        '<p>Kết quả <span style="position:absolute;left:-9999px">ẩn</span>được công bố.</p>'
        '<h1 style="text-indent:-9999px">Logo</h1></div>'
    )
    body = extract_body(region, BASE)
    assert body.paragraphs == [PROSE, "Kết quả được công bố."]
    assert "Bản in" not in body.html and "ẩn" not in body.html and "Logo" not in body.html
    assert body.spam == []  # hidden, but not spam: dropped without a word


def test_the_page_tree_is_not_modified() -> None:
    page = lxml_html.fromstring(f'<div><p>{PROSE}</p><p style="display:none">in bản</p></div>')
    extract_body(page, BASE)
    assert "in bản" in page.text_content()


def test_a_body_shown_by_script_is_read() -> None:
    """The whole text in a hidden wrapper that a script fades in: the body is read anyway."""
    second = "Mô hình giúp các hộ dân ven hồ chuyển từ đánh bắt cá tự nhiên sang nuôi cá lồng."
    region = lxml_html.fragment_fromstring(
        f'<div><div class="fade" style="display:none"><p>{PROSE}</p><p>{second}</p></div></div>'
    )
    assert extract_body(region, BASE).paragraphs == [PROSE, second]


def test_aria_hidden_icons_keep_the_text_around_them() -> None:
    region = lxml_html.fragment_fromstring(
        f'<div><p><i class="fa fa-clock" aria-hidden="true"></i>{PROSE}</p>'
        '<p><span aria-hidden="true">★</span> Điểm nổi bật của mô hình nuôi cá lồng.</p></div>'
    )
    assert extract_body(region, BASE).paragraphs == [
        PROSE,
        "★ Điểm nổi bật của mô hình nuôi cá lồng.",
    ]
