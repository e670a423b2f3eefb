"""ninhbinh.gov.vn, the province portal (UIArticleInMenu): its "Khoa học - Công nghệ" listing,
the LoadArticle POST for page 2 (absolute http://www. links), the stop at the declared maxPage.
Article fields: tests/portals/test_articles.py (tests/fixtures/ninhbinh_portal/expected.toml);
the republished Sở article shared with ninhbinh_sokhcn is research case 19.

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import json

from scrapy import Request

from tests.conftest import portal_spider, saved_response

SITE = "ninhbinh_portal"
ORIGIN = "https://ninhbinh.gov.vn"
LISTING = f"{ORIGIN}/khoa-hoc-cong-nghe"
ENDPOINT = f"{ORIGIN}/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
NEWS = f"{LISTING}/"
PAGE_ONE = [
    NEWS + "ninh-binh-day-manh-ung-dung-khoa-hoc-cong-nghe-trong-san-xuat-nong-nghiep-683377",
    # the Sở's article republished by the portal (its Sở URL ends -682145)
    NEWS
    + "ninh-binh-to-chuc-cac-hoat-dong-huong-ung-ngay-khoa-hoc-va-cong-nghe-viet-nam-18-5-682419",
    NEWS + "phat-trien-he-sinh-thai-khoi-nghiep-doi-moi-sang-tao-tinh-ninh-binh-681988",
]
# linked as http://www.ninhbinh.gov.vn/... in the fragment: one canonical URL per article
PAGE_TWO = [
    NEWS
    + "so-ket-3-nam-thuc-hien-chuong-trinh-nang-cao-nang-suat-chat-luong-san-pham-hang-hoa-681402",
]


def articles(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def listings(requests: list[Request]) -> list[Request]:
    return [r for r in requests if r.callback.__name__ == "parse_listing"]


def first_page(spider=None) -> list[Request]:
    spider = spider or portal_spider(SITE)
    response = saved_response(SITE, "listing-p1.html")
    return list(spider.parse_listing(response, first_page=LISTING, number=1))


def second_page(spider) -> tuple[Request, list[Request]]:
    """Page 2 reached the way the crawl reaches it: the request page 1 yields, then its answer."""
    nxt = listings(first_page(spider))[0]
    response = saved_response(SITE, "loadarticle-p2.json")
    return nxt, list(spider.parse_listing(response, **nxt.cb_kwargs))


def test_first_listing_page_links_its_three_articles_in_order() -> None:
    requests = first_page()
    assert articles(requests) == PAGE_ONE
    assert len(listings(requests)) == 1


def test_page_two_is_a_load_article_post_with_the_ids_page_one_declares() -> None:
    nxt = listings(first_page())[0]
    assert nxt.url == ENDPOINT
    assert nxt.method == "POST"
    assert b"application/json" in (nxt.headers.get("Content-Type") or b"")
    body = json.loads(nxt.body)
    fields = {key: str(value) for key, value in body.items()}
    assert fields["article_category_id"] == "84"
    assert fields["categoryIds"] == "84,112"
    assert fields["site_id"] == "1"
    assert fields["page"] == "2"
    assert fields["page_size"] == "3"
    assert fields["no"] == "-3"  # -page_size
    assert fields["articlelang"] == "vi-VN"
    for flag in ("show_post_date", "num_of_text", "show_view_count", "is_authenticated"):
        assert flag in body, flag


def test_second_page_links_its_article_and_stops_at_max_page() -> None:
    spider = portal_spider(SITE)
    _, requests = second_page(spider)
    assert articles(requests) == PAGE_TWO
    # page 1 declares maxPage = parseInt(2): no page 3 is requested
    assert listings(requests) == []


def test_a_repeated_page_brings_nothing_new() -> None:
    spider = portal_spider(SITE)
    nxt, _ = second_page(spider)
    again = list(spider.parse_listing(saved_response(SITE, "loadarticle-p2.json"), **nxt.cb_kwargs))
    assert again == []


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = first_page()
    _, page_two = second_page(portal_spider(SITE))
    urls = [r.url for r in requests + page_two]
    assert all(url.startswith(ORIGIN + "/") for url in urls)
    assert not any("sokhcn.ninhbinh.gov.vn" in url for url in urls)  # "Thông tin từ các sở, ngành"
    assert not any("sonongnghiep" in url for url in urls)
    for path in (
        "/kinh-te/",
        "/van-hoa-xa-hoi/",
        "/thong-tin-chi-dao-dieu-hanh/",
    ):  # "Tin đọc nhiều"
        assert not any(path in url for url in urls), path


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-so-ket-chuong-trinh-nang-suat.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["khcn/failed/tripwire-listing-links"] == 1
