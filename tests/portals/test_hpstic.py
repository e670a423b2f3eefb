"""hpstic.vn (Trung tâm Thông tin KH&CN Hải Phòng): listing and article pages, every field.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
The real engine crawling the same pages is tests/portals/test_crawl.py.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from scrapy import Request

from archive.store import content_hash
from portals.items import Article
from portals.parsing.article import parse_article
from portals.parsing.dates import VIETNAM
from portals.pipelines import article_record
from portals.registry import get_site
from tests.conftest import portal_spider, saved_page, saved_response

SITE = "hpstic"
LISTING = "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html"
NEWS = "http://hpstic.vn/news/"
CATEGORY = "Tin KH & CN Hải Phòng"
CHROME = [
    "Liên kết website", "Thống kê truy cập", "Đang trực tuyến", "Tổng truy cập", "Tin mới",
    "Lượt xem", "In bài viết", "Cỡ chữ", "Gửi email", "Các tin khác", "Chia sẻ", "Copyright",
    "Giấy phép số", "Trang chủ", "TRUNG TÂM THÔNG TIN",
]  # fmt: skip

EXPECTED = {
    "article-so-ket-6-thang-2024.html": {
        "title": "Sở Khoa học và Công nghệ sơ kết công tác 6 tháng đầu năm, bổ khuyết nhiệm vụ "
        "6 tháng cuối năm 2024",
        "published": datetime(2024, 6, 21, tzinfo=VIETNAM),
        "author": "Trần Hùng",
        "author_org": "Sở KH&CN Hải Phòng",
        "source": None,
        "starts": "Chiều 20/6, Sở Khoa học và Công nghệ (KH&CN) tổ chức Hội nghị sơ kết",
        "ends": "6 tháng đầu năm 2024./.",
        "paragraphs": 6,
        "captions": [
            "Quang cảnh Hội nghị.",
            "Thứ trưởng Bộ KH&CN Nguyễn Hoàng Giang phát biểu tại Hội nghị.",
            "Giám đốc Sở KH&CN Trần Quang Tuấn phát biểu tại Hội nghị.",
            "04 tập thể và 16 cá nhân xuất sắc nhận Giấy khen của Giám đốc Sở KH&CN.",
        ],
    },
    "article-ky-niem-65-nam.html": {
        # research case 3: the inner date range stays in the title
        "title": "Kỷ niệm 65 năm ngày thành lập Sở Khoa học và Công nghệ Hải Phòng "
        "(26/6/1959-26/6/2024)",
        "published": datetime(2024, 6, 26, tzinfo=VIETNAM),
        "author": "P.V",
        "author_org": None,
        "source": None,
        "starts": "Sáng 26/6, Sở Khoa học và Công nghệ (KH&CN) Hải Phòng",
        "ends": "phát triển ngành KH&CN Hải Phòng.",
        "paragraphs": 6,
        "captions": [
            "Toàn cảnh buổi lễ kỷ niệm. Ảnh: Hoàng Phạm",
            "Lãnh đạo thành phố trao Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.",
        ],
    },
    "article-nghiem-thu-thuy-san-cat-hai.html": {
        "title": "Nghiệm thu đề tài nuôi trồng thủy sản tại Cát Hải",
        "published": datetime(2024, 6, 19, tzinfo=VIETNAM),
        "author": "Minh Châu",
        "author_org": None,
        "source": None,
        "starts": "Ngày 18/6, Sở KH&CN Hải Phòng tổ chức Hội đồng khoa học cấp thành phố",
        "ends": "cho các hộ nuôi trồng thủy sản trên địa bàn.",
        "paragraphs": 5,
        "captions": ["Hội đồng nghiệm thu làm việc tại cơ sở nuôi trồng."],
    },
    "article-chuyen-doi-so-dn-nho-va-vua.html": {
        "title": "Hải Phòng đẩy mạnh chuyển đổi số trong doanh nghiệp nhỏ và vừa",
        "published": datetime(2024, 6, 12, tzinfo=VIETNAM),
        "author": "Thu Hằng",  # printed "THU HẰNG" after "Nguồn: Báo Hải Phòng"
        "author_org": None,
        "source": "Báo Hải Phòng; ĐCSVN",  # trailing "Nguồn:" line and the lead-in "(ĐCSVN) -"
        "starts": "Chiều 11/6, Sở KH&CN phối hợp với Hiệp hội Doanh nghiệp",
        "ends": "trở thành thành phố thông minh, hiện đại.",
        "paragraphs": 5,
        "captions": [
            "Các đại biểu tham dự hội thảo.",
            "Doanh nghiệp trải nghiệm các giải pháp chuyển đổi số tại khu trưng bày.",
        ],
    },
    "article-tap-huan-tai-san-tri-tue.html": {
        "title": "Tập huấn xây dựng tài sản trí tuệ cho doanh nghiệp",
        "published": datetime(2024, 6, 5, tzinfo=VIETNAM),
        "author": "Nguyễn Thị Lan",
        "author_org": "Trung tâm Thông tin KH&CN",
        "source": None,
        "starts": "Ngày 4/6, Trung tâm Thông tin KH&CN Hải Phòng phối hợp với Cục Sở hữu trí tuệ",
        "ends": "cho cộng đồng doanh nghiệp.",
        "paragraphs": 6,
        "captions": ["Các học viên tham dự lớp tập huấn.", None],
    },
}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    """Each saved article page through the spider's own callback."""
    spider = portal_spider(SITE)
    parsed = {}
    for name in EXPECTED:
        items = list(spider.parse_article(saved_response(SITE, name)))
        assert len(items) == 1 and isinstance(items[0], Article)
        parsed[name] = items[0]
    return parsed


# -- listing ---------------------------------------------------------------------------------


def listing_requests(name: str, number: int, spider=None) -> list[Request]:
    spider = spider or portal_spider(SITE)
    response = saved_response(SITE, name)
    return list(spider.parse_listing(response, first_page=LISTING, number=number))


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_requests("listing-tin-khcn-hai-phong-p1.html", 1)
    articles = [r.url for r in requests if r.callback.__name__ == "parse_article"]
    assert articles == [
        NEWS + "Ky-niem-65-nam-ngay-thanh-lap-So-Khoa-hoc-va-Cong-nghe-Hai-Phong-21452.html",
        NEWS + "So-Khoa-hoc-va-Cong-nghe-so-ket-cong-tac-6-thang-dau-nam-bo-khuyet-nhiem-vu-"
        "6-thang-cuoi-nam-2024-21437.html",
        # linked as http://www.hpstic.vn/...: one canonical URL per article
        NEWS + "Nghiem-thu-de-tai-nuoi-trong-thuy-san-tai-Cat-Hai-21433.html",
    ]
    assert [r.url for r in requests if r.callback.__name__ == "parse_listing"] == [
        f"{LISTING}?page=2"
    ]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_requests("listing-tin-khcn-hai-phong-p1.html", 1)
    assert all(r.url.startswith("http://hpstic.vn/") for r in requests)
    assert not any("21440" in r.url for r in requests)  # "Tin mới" sidebar only


def test_second_page_links_two_articles_and_asks_for_the_third() -> None:
    requests = listing_requests("listing-tin-khcn-hai-phong-p2.html", 2)
    assert [r.url.removeprefix(NEWS) for r in requests] == [
        "Hai-Phong-day-manh-chuyen-doi-so-trong-doanh-nghiep-nho-va-vua-21405.html",
        "Tap-huan-xay-dung-tai-san-tri-tue-cho-doanh-nghiep-21388.html",
        "cat/Tin-KH-CN-Hai-Phong-2.html?page=3",
    ]


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    spider = portal_spider(SITE)
    listing_requests("listing-tin-khcn-hai-phong-p2.html", 2, spider)
    # page 3 is out of range and the portal answers with page 2's content (research case 17)
    assert listing_requests("listing-tin-khcn-hai-phong-p2.html", 3, spider) == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-so-ket-6-thang-2024.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["khcn/failed/tripwire-listing-links"] == 1


# -- articles --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXPECTED)
def test_article_fields(articles: dict[str, Article], name: str) -> None:
    article, expected = articles[name], EXPECTED[name]
    assert article.url == saved_page(SITE, name).url
    assert article.site == SITE and article.category == CATEGORY and article.language == "vi"
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    assert article.published.isoformat().endswith("+07:00")
    assert (article.author, article.author_org) == (expected["author"], expected["author_org"])
    assert article.source == expected["source"]
    assert article.body_text.startswith(expected["starts"])
    assert article.body_text.endswith(expected["ends"])
    assert len(article.body_text.split("\n\n")) == expected["paragraphs"]
    assert [image.caption for image in article.images] == expected["captions"]
    assert all(
        image.url.startswith("http://hpstic.vn/Uploads/images/2024/06/") for image in article.images
    )
    assert article.warnings == []
    assert article.methods["title"] == article.methods["body"] == "selector"
    assert article.methods["published"] == "selector"


@pytest.mark.parametrize("name", EXPECTED)
def test_no_chrome_caption_or_byline_in_the_body(articles: dict[str, Article], name: str) -> None:
    article = articles[name]
    for text in CHROME:
        assert text not in article.body_text, text
    for image in article.images:
        if image.caption:
            assert image.caption not in article.body_text
    assert article.author not in article.body_text.split("\n\n")[-1]
    assert "Nguồn:" not in article.body_text and "Tác giả:" not in article.body_text


@pytest.mark.parametrize("name", EXPECTED)
def test_summary_is_the_declared_lead(articles: dict[str, Article], name: str) -> None:
    summary = articles[name].summary
    assert summary and len(summary) > 40 and articles[name].methods["summary"] == "meta"


def test_words_split_by_inline_tags_are_whole(articles: dict[str, Article]) -> None:
    body = articles["article-nghiem-thu-thuy-san-cat-hai.html"].body_text
    for word in ("hoạt động", "ung cấp", "thủy sản", "nghiệm thu"):
        assert word in body
    assert "h oạt" not in body and "C ung" not in body and "th ủy" not in body


def test_repeated_caption_and_leaked_file_name_are_dropped(articles: dict[str, Article]) -> None:
    article = articles["article-chuyen-doi-so-dn-nho-va-vua.html"]
    assert "03HDKHLVketnoisangtaoAIQ12h2" not in article.body_text
    assert "(ĐCSVN)" not in article.body_text
    assert article.body_text.count("Các đại biểu tham dự hội thảo.") == 0
    assert "Theo báo cáo tại hội thảo" in article.body_text  # "Theo …" sentences are kept


def test_stored_html_is_sanitised(articles: dict[str, Article]) -> None:
    html = articles["article-tap-huan-tai-san-tri-tue.html"].body_html
    assert "<script" not in html and "alert(" not in html
    assert "onerror" not in html and "javascript:" not in html
    assert "<figure>" in html and "sở hữu trí tuệ" in html


def test_the_header_today_date_is_never_the_publication_date(articles) -> None:
    html = saved_page(SITE, "article-so-ket-6-thang-2024.html").html
    assert "Thứ Ba, 25/06/2024" in html
    assert articles["article-so-ket-6-thang-2024.html"].published.day == 21


def test_content_hash_ignores_counters_and_sidebars() -> None:
    page = saved_page(SITE, "article-so-ket-6-thang-2024.html")
    site = get_site(SITE)
    recrawled = (
        page.html.replace("10064", "9490")
        .replace("Lượt xem: 312", "Lượt xem: 1024")
        .replace("Thứ Ba, 25/06/2024", "Thứ Tư, 26/06/2024")
    )
    assert recrawled != page.html
    first = article_record(parse_article(page.html, page.url, site), site)
    second = article_record(parse_article(recrawled, page.url, site), site)
    assert content_hash(first) == content_hash(second)
    edited = article_record(
        parse_article(page.html.replace("127/142", "128/142"), page.url, site), site
    )
    assert content_hash(edited) != content_hash(first)
