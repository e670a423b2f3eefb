"""sokhcn.cantho.gov.vn (Sở KH&CN thành phố Cần Thơ, DotNetNuke): listing pages.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
Article fields are checked from expected.toml by tests/portals/test_articles.py.
"""

from __future__ import annotations

from scrapy import Request

from tests.conftest import portal_spider, saved_response

SITE = "cantho_sokhcn"
LISTING = "http://sokhcn.cantho.gov.vn/Default.aspx?tabid=83"
ARTICLE = "http://sokhcn.cantho.gov.vn/default.aspx?nid={}&pid=57"
PAGE_1 = "listing-tin-hoat-dong-p1.html"
PAGE_2 = "listing-tin-hoat-dong-p2.html"
PAGE_3 = "listing-tin-hoat-dong-p3.html"
SIDEBAR_IDS = ("17527", "17520", "17511", "17490")  # "Tin mới cập nhật", "Thông báo"


def listing_requests(name: str, number: int, spider=None) -> list[Request]:
    spider = spider or portal_spider(SITE)
    response = saved_response(SITE, name)
    return list(spider.parse_listing(response, first_page=LISTING, number=number))


def article_urls(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def next_pages(requests: list[Request]) -> list[Request]:
    return [r for r in requests if r.callback.__name__ == "parse_listing"]


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_requests(PAGE_1, 1)
    assert article_urls(requests) == [
        ARTICLE.format(17522),
        ARTICLE.format(17519),  # linked as https://...: one canonical (http) URL per article
        ARTICLE.format(17514),
    ]
    [nxt] = next_pages(requests)
    assert nxt.method == "GET"
    assert nxt.url == f"{LISTING}&page=2"


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_requests(PAGE_1, 1)
    assert all(r.url.startswith("http://sokhcn.cantho.gov.vn/") for r in requests)
    for nid in SIDEBAR_IDS:
        assert not any(f"nid={nid}&" in r.url for r in requests), nid
    assert not any("tabid=84" in r.url or "ctl=Login" in r.url for r in requests)


def test_second_page_links_its_article_and_asks_for_the_third() -> None:
    spider = portal_spider(SITE)
    nxt = next_pages(listing_requests(PAGE_1, 1, spider))[0]
    requests = list(spider.parse_listing(saved_response(SITE, PAGE_2), **nxt.cb_kwargs))
    assert article_urls(requests) == [ARTICLE.format(17506)]
    assert [r.url for r in next_pages(requests)] == [f"{LISTING}&page=3"]


def test_pagination_stops_at_an_out_of_range_page_that_repeats_page_two() -> None:
    spider = portal_spider(SITE)
    nxt = next_pages(listing_requests(PAGE_1, 1, spider))[0]
    page_2 = list(spider.parse_listing(saved_response(SITE, PAGE_2), **nxt.cb_kwargs))
    nxt = next_pages(page_2)[0]
    # ?page=3 is clamped by the module to the last page: nothing new, no page 4 (case 17)
    assert list(spider.parse_listing(saved_response(SITE, PAGE_3), **nxt.cb_kwargs)) == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-nghiem-thu-che-pham-ca-tra.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["khcn/failed/tripwire-listing-links"] == 1
