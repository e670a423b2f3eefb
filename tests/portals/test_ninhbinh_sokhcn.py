"""sokhcn.ninhbinh.gov.vn (UIArticleInMenu): listing page 1, the LoadArticle POST for page 2,
the stop at the declared maxPage. Article fields: tests/portals/test_articles.py
(tests/fixtures/ninhbinh_sokhcn/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import json

from scrapy import Request

from tests.conftest import portal_spider, saved_response

SITE = "ninhbinh_sokhcn"
ORIGIN = "https://sokhcn.ninhbinh.gov.vn"
LISTING = f"{ORIGIN}/tin-hoat-dong-cua-so"
ENDPOINT = f"{ORIGIN}/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
NEWS = f"{LISTING}/"
PAGE_ONE = [
    NEWS
    + "ninh-binh-to-chuc-cac-hoat-dong-huong-ung-ngay-khoa-hoc-va-cong-nghe-viet-nam-18-5-682145",
    NEWS
    + "nghiem-thu-de-tai-nhan-giong-va-trong-thu-nghiem-cay-duoc-lieu-tai-huyen-nho-quan-681730",
    NEWS + "tap-huan-nang-cao-nhan-thuc-ve-so-huu-tri-tue-cho-doanh-nghiep-hop-tac-xa-679862",
]
PAGE_TWO = [
    NEWS + "kiem-tra-do-luong-chat-luong-xang-dau-tren-dia-ban-tinh-678915",
    NEWS + "hoi-thao-ung-dung-chuyen-doi-so-trong-quan-ly-nhiem-vu-khoa-hoc-va-cong-nghe-678204",
]
SIDEBAR_ONLY = [
    "ubnd-tinh-lam-viec-voi-bo-khoa-hoc-va-cong-nghe-682301",  # "Tin mới nhất"
    "cong-bo-chi-so-doi-moi-sang-tao-cap-dia-phuong-pii-2023-681964",
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
    assert fields["article_category_id"] == "2713"
    assert fields["categoryIds"] == "2713"
    assert fields["site_id"] == "27"
    assert fields["page"] == "2"
    assert fields["page_size"] == "3"
    assert fields["no"] == "-3"  # -page_size
    assert fields["articlelang"] == "vi-VN"
    for flag in ("show_post_date", "num_of_text", "show_view_count", "is_authenticated"):
        assert flag in body, flag


def test_second_page_links_two_articles_and_stops_at_max_page() -> None:
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
    spider = portal_spider(SITE)
    requests = first_page(spider)
    _, page_two = second_page(portal_spider(SITE))
    urls = [r.url for r in requests + page_two]
    assert all(url.startswith(ORIGIN + "/") for url in urls)
    for path in SIDEBAR_ONLY:
        assert not any(path in url for url in urls), path
    # the sidebar repeats a page-2 article: page 1 must not take it early
    assert PAGE_TWO[0] not in articles(requests)


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-tap-huan-so-huu-tri-tue.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["khcn/failed/tripwire-listing-links"] == 1
