"""dongnai.gov.vn (post-merger Đồng Nai portal, NukeViet 4.5, rewrite on): the Khoa học - Công
nghệ category, paged as '{url}/page-{n}'. Article fields: tests/portals/test_articles.py.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

from scrapy import Request

from tests.conftest import portal_spider, saved_response

SITE = "dongnai_portal"
LISTING = "https://dongnai.gov.vn/news/khoa-hoc-cong-nghe/"
PAGE_1 = [
    LISTING
    + "trien-khai-nen-tang-so-dung-chung-phuc-vu-chinh-quyen-cap-xa-sau-sap-xep-179315.html",
    LISTING + "day-manh-thuc-hien-nghi-quyet-57-nq-tw-ve-phat-trien-khoa-hoc-cong-nghe-doi-moi-"
    "sang-tao-va-chuyen-doi-so-178902.html",
    LISTING + "nghiem-thu-nhiem-vu-chon-tao-va-nhan-giong-cay-dieu-nang-suat-cao-178614.html",
]
PAGE_2 = [
    LISTING + "tang-cuong-kiem-tra-do-luong-doi-voi-can-su-dung-tai-cac-cho-178301.html",
    LISTING + "cong-bo-quyet-dinh-thanh-lap-so-khoa-hoc-va-cong-nghe-tinh-dong-nai-sau-hop-nhat-"
    "177540.html",
]


def first_page(spider=None) -> list[Request]:
    spider = spider or portal_spider(SITE)
    response = saved_response(SITE, "listing-p1.html")
    return list(spider.parse_listing(response, first_page=LISTING, number=1))


def follow(spider, requests: list[Request], name: str) -> list[Request]:
    """Answer the next-page request of `requests` with the saved page `name`."""
    nxt = next(r for r in requests if r.callback.__name__ == "parse_listing")
    return list(spider.parse_listing(saved_response(SITE, name), **nxt.cb_kwargs))


def articles(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def listings(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.callback.__name__ == "parse_listing"]


def test_first_page_links_its_three_articles_then_page_two() -> None:
    requests = first_page()
    assert articles(requests) == PAGE_1
    assert listings(requests) == [LISTING + "page-2"]  # {url} has no trailing slash
    assert [r.method for r in requests if r.callback.__name__ == "parse_listing"] == ["GET"]


def test_first_page_skips_sidebars_and_the_next_page_teasers() -> None:
    urls = [r.url for r in first_page()]
    # "Các tin khác" under the items lists page 2's articles: page 2 brings them, not page 1
    assert not set(PAGE_2) & set(urls)
    # "Tin mới nhất" (other categories), banners, the CDN host: never followed
    assert all(url.startswith(LISTING) for url in urls)
    assert not any("cdn.dongnai.gov.vn" in url for url in urls)


def test_second_page_links_two_articles_and_asks_for_the_third() -> None:
    spider = portal_spider(SITE)
    requests = follow(spider, first_page(spider), "listing-p2.html")
    assert articles(requests) == PAGE_2
    assert listings(requests) == [LISTING + "page-3"]


def test_pagination_stops_at_the_out_of_range_page() -> None:
    # page-3 is out of range: the portal serves page 2's items again (research §8 case 17)
    spider = portal_spider(SITE)
    second = follow(spider, first_page(spider), "listing-p2.html")
    assert follow(spider, second, "listing-p3.html") == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-nghi-quyet-57-so-ket.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["khcn/failed/tripwire-listing-links"] == 1
