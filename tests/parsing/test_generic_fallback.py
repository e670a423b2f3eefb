"""The generic path never returns less than trafilatura: where trafilatura finds the main
text, the page gets a body (from the region that holds it, else trafilatura's own text)."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura

from portals.parsing.article import parse_article
from portals.snapshots import load_snapshot
from tests.conftest import FIXTURES

URL = "https://sokhcn.vidu.gov.vn/tin-tuc/hoi-nghi-gioi-thieu-mo-hinh-2024-123.html"
TITLE = "Hội nghị giới thiệu mô hình ứng dụng khoa học và công nghệ năm 2024"


def page(article: str) -> str:
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{TITLE}</title>
    </head><body><div class="top">Thứ Tư, 03/12/2025 | Đang truy cập: 37</div>
    <ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul>
    <div class="giua"><h1 class="tieu-de">{TITLE}</h1>{article}</div>
    <div class="chan">Sở Khoa học và Công nghệ tỉnh Ví Dụ · Điện thoại: 0233 3852 123</div>
    </body></html>"""


SHORT_LINES = [
    "Hội nghị diễn ra sáng nay tại tỉnh.",
    "Nhiều doanh nghiệp cùng tham dự.",
    "Sở giới thiệu ba mô hình mới.",
    "Các mô hình đạt hiệu quả cao.",
    "Nông dân được tập huấn kỹ thuật.",
    "Hội nghị kết thúc lúc 11 giờ.",
]


def test_an_article_written_in_short_lines_has_a_body() -> None:
    html = page('<div class="noi-dung">' + "".join(f"<p>{s}</p>" for s in SHORT_LINES) + "</div>")
    assert trafilatura.extract(html, favor_precision=True)  # what the generic path must match
    article = parse_article(html, URL)
    assert article.body_text.split("\n\n") == SHORT_LINES
    assert article.methods["body"] == "trafilatura"  # from the page's region, not text alone


def test_paragraphs_written_as_text_beside_a_child_block_are_found() -> None:
    # an old portal's body: text and <br> in a div that also holds a share bar's div
    prose = [
        "Sáng 12/11, Sở Khoa học và Công nghệ tổ chức hội nghị giới thiệu các mô hình ứng "
        "dụng tiến bộ khoa học kỹ thuật trong sản xuất nông nghiệp trên địa bàn tỉnh.",
        "Tại hội nghị, các đại biểu đã được nghe giới thiệu quy trình sản xuất lúa hữu cơ, "
        "nuôi tôm công nghệ cao và trồng nấm dược liệu theo hướng hàng hóa.",
        "Kết thúc hội nghị, Sở đề nghị các địa phương tiếp tục nhân rộng những mô hình đạt hiệu "
        "quả, gắn với liên kết tiêu thụ sản phẩm cho nông dân.",
    ]
    html = page(
        '<div class="noi-dung">' + "<br><br>".join(prose)
        + '<div class="chia-se"><a href="#">Facebook</a> <a href="#">Zalo</a></div></div>'
    )  # fmt: skip
    article = parse_article(html, URL)
    assert article.body_text.split("\n\n") == prose


def pages_with_trafilatura_text() -> list[tuple[str, Path]]:
    """Every saved HTML page of every fixture folder (listing pages aside) in which
    trafilatura finds a main text."""
    pages = []
    for manifest in sorted(FIXTURES.rglob("manifest.toml")):
        for url, path in load_snapshot([manifest.parent]).pages.items():
            if path.suffix not in (".html", ".htm") or path.name.startswith("listing"):
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            if trafilatura.extract(html, url=url, favor_precision=True):
                pages.append((url, path))
    return pages


@pytest.mark.parametrize(
    ("url", "path"),
    pages_with_trafilatura_text(),
    ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) else "",
)
def test_every_saved_page_with_trafilatura_text_has_a_generic_body(url: str, path: Path) -> None:
    html = path.read_text(encoding="utf-8", errors="replace")
    article = parse_article(html, url, None)  # as an unknown host: the generic path
    assert article.body_text
