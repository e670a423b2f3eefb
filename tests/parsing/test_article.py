"""Assembling an Article: where each field comes from when a page is odd."""

from __future__ import annotations

import pytest

from portals.parsing.article import ArticleParseError, parse_article
from portals.registry import get_site
from tests.conftest import FIXTURES

URL = "https://haiduongdost.gov.vn/article/nang-suat-khoa-hac-viat-nam/11035"
BODY = (
    "<p>Theo thống kê, năng suất công bố quốc tế của các nhà khoa học Việt Nam tăng đều "
    "trong 5 năm qua, tập trung vào các lĩnh vực vật liệu, y sinh và công nghệ thông tin.</p>"
    "<p>Sở Khoa học và Công nghệ tỉnh khuyến khích các tổ chức khoa học đăng ký nhiệm vụ "
    "có đầu ra là bài báo quốc tế, gắn với nhu cầu thực tiễn của địa phương.</p>"
    "<p>Thanh Hà</p>"
)


def page(header: str, meta: str = "") -> str:
    return f"""<html><head><title>Năng suất khoa học Việt Nam</title>{meta}</head><body>
    <div class="top">Hôm nay, Thứ Hai 25-11-2024 | Chào mừng bạn đến với Cổng thông tin</div>
    <div class="main"><h1>Năng suất khoa học Việt Nam qua công bố quốc tế</h1>
    <div class="info">{header}</div><div class="content">{BODY}</div></div>
    <div class="footer">Copyright © 2015 Sở KH&amp;CN Hải Dương</div></body></html>"""


def test_zero_date_gives_no_date_and_a_warning() -> None:
    article = parse_article(page("Khoa học và Công nghệ -0001-11-30 07:06:30"), URL)
    assert article.published is None
    assert any("zero date" in warning for warning in article.warnings)
    assert article.title == "Năng suất khoa học Việt Nam qua công bố quốc tế"
    assert article.author == "Thanh Hà"


def test_date_line_after_the_title_and_never_the_today_banner() -> None:
    article = parse_article(page("Ngày đăng: 05-05-2021 | Lượt xem: 120"), URL)
    assert article.published is not None
    assert article.published.isoformat() == "2021-05-05T00:00:00+07:00"
    assert article.methods["published"] == "header-text"


def test_a_printed_date_weeks_away_from_the_declared_one_wins_with_a_warning() -> None:
    meta = '<meta property="article:published_time" content="2024-01-02T07:30:00+07:00">'
    article = parse_article(page("Ngày đăng: 07/12/2023", meta), URL)
    assert article.published is not None
    assert article.published.isoformat() == "2023-12-07T00:00:00+07:00"
    assert article.methods["published"] == "header-text"
    assert any(w.startswith("declared date 2024-01-02 is not") for w in article.warnings)


def test_a_declared_date_that_is_the_printed_one_read_the_other_way_wins() -> None:
    meta = '<meta property="article:published_time" content="2023-07-12T07:30:00+07:00">'
    article = parse_article(page("Ngày đăng: 07/12/2023", meta), URL)
    assert article.published is not None
    assert article.published.isoformat() == "2023-07-12T07:30:00+07:00"


def test_declared_metadata_wins_over_header_text() -> None:
    meta = '<meta property="article:published_time" content="2021-05-06T08:30:00+07:00">'
    article = parse_article(page("Ngày đăng: 05-05-2021", meta), URL)
    assert article.published is not None
    assert article.published.isoformat() == "2021-05-06T08:30:00+07:00"
    assert article.methods["published"] == "meta"


def test_no_date_anywhere_is_a_warning_not_an_error() -> None:
    article = parse_article(page("Lượt xem: 120"), URL)
    assert article.published is None and "no publication date found" in article.warnings


def test_a_page_without_title_is_refused() -> None:
    with pytest.raises(ArticleParseError) as refused:
        parse_article("<html><body><div>Lượt xem: 12</div></body></html>", URL)
    assert refused.value.reason == "no-title"


def test_a_site_page_whose_body_selector_is_empty_falls_back_to_the_generic_extractor() -> None:
    """A layout change on a registered site: the selectors miss, the article is still read and
    the method says how, so a drop in selector coverage is visible."""
    html = page("Ngày đăng: 05-05-2021").replace(
        "<h1>", '<div class="cat-title"><h2>Tin KH &amp; CN Hải Phòng</h2></div><h1>'
    )
    article = parse_article(html, "http://hpstic.vn/news/Nang-suat-khoa-hoc-11035.html",
                            get_site("hpstic"))  # fmt: skip
    assert article.methods["body"] == "trafilatura"
    assert article.body_text.startswith("Theo thống kê")
    assert article.url == "http://hpstic.vn/news/Nang-suat-khoa-hoc-11035.html"


LONGER = (
    "<p>Các nhà khoa học của tỉnh đã công bố 46 bài báo trên các tạp chí quốc tế uy tín, tăng "
    "gần gấp đôi so với năm trước; nhiều công trình được thực hiện trong khuôn khổ các nhiệm vụ "
    "khoa học và công nghệ cấp tỉnh, với sự phối hợp của các viện, trường đại học trong nước và "
    "quốc tế. Sở Khoa học và Công nghệ sẽ tiếp tục hỗ trợ kinh phí công bố, kết nối chuyên gia và "
    "tổ chức các hội thảo chuyên đề để nâng cao chất lượng nghiên cứu của đội ngũ cán bộ.</p>"
)


def with_dateline(header: str, dateline: str) -> str:
    """The test page with a longer body (the date line is beyond the header's reach) that
    ends with a dateline in long form."""
    return page(header).replace("<p>Thanh Hà</p>", f"{LONGER}<p>{dateline}</p><p>Thanh Hà</p>")


def test_an_ambiguous_day_and_month_follow_the_long_form_dateline() -> None:
    html = with_dateline("Ngày đăng: 12/06/2019", "Hải Dương, ngày 06 tháng 12 năm 2019")
    article = parse_article(html, URL)
    assert article.published is not None and article.published.date().isoformat() == "2019-12-06"
    assert any("swapped" in warning for warning in article.warnings)


def test_a_date_the_dateline_contradicts_is_kept_with_a_warning() -> None:
    html = with_dateline("Ngày đăng: 05/05/2021", "Hải Dương, ngày 20 tháng 3 năm 2021")
    article = parse_article(html, URL)
    assert article.published is not None and article.published.date().isoformat() == "2021-05-05"
    assert "dates disagree: header-text 2021-05-05, dateline 2021-03-20" in article.warnings


def test_a_dateline_is_the_date_of_a_page_that_prints_no_other() -> None:
    article = parse_article(
        with_dateline("Lượt xem: 120", "Hải Dương, ngày 06 tháng 12 năm 2019"), URL
    )
    assert article.published is not None and article.published.date().isoformat() == "2019-12-06"
    assert article.methods["published"] == "dateline"


def test_an_aspnet_page_printing_the_en_us_date_is_read_month_first() -> None:
    """Tây Ninh's ASP.NET portal prints "Ngày đăng: 4/6/2023 3:41:07 PM" (its other dates run
    from 3/8/2023 to 4/14/2023): 6 April, not 4 June."""
    folder = FIXTURES / "_new_sites" / "sokhcn_tayninh"
    html = (folder / "article-5112-kiem-tra-can-cho.html").read_text(encoding="utf-8")
    article = parse_article(html, "https://sokhcn.tayninh.gov.vn/TinTuc/ChiTiet.aspx?id=5112")
    assert article.published is not None
    assert article.published.isoformat() == "2023-04-06T15:41:07+07:00"
