"""dost.danang.gov.vn (Sở KH&CN Đà Nẵng): listing items in div.tintuc_body_head, the
&page=N pager added to ?idcat=, article URLs that keep their query string, www and bare hosts,
the stop at an out-of-range page that repeats page 2. Article fields:
tests/portals/test_articles.py (tests/fixtures/danang_dost/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import re

from scrapy import Request

from portals.registry import get_site
from tests.conftest import portal_spider, saved_response

SITE = "danang_dost"
ORIGIN = "https://dost.danang.gov.vn"
LISTING = f"{ORIGIN}/danh-sach-tin?idcat=12538"
DETAIL = f"{ORIGIN}/chi-tiet-tin-tuc?dinhdanh="
PAGE_ONE = [
    DETAIL + "9485&cat=0",
    DETAIL + "9478&cat=0",  # linked as http://www.dost.danang.gov.vn/...: one canonical URL
    DETAIL + "9466&cat=0",
]
PAGE_TWO = [DETAIL + "9441&cat=0"]
SIDEBAR_ONLY = ["dinhdanh=9312", "dinhdanh=9287", "dinhdanh=9250", "thong-bao"]


def articles(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def listings(requests: list[Request]) -> list[Request]:
    return [r for r in requests if r.callback.__name__ == "parse_listing"]


def first_page(spider=None) -> list[Request]:
    spider = spider or portal_spider(SITE)
    response = saved_response(SITE, "listing-tin-hoat-dong-p1.html")
    return list(spider.parse_listing(response, first_page=LISTING, number=1))


def chained(spider, requests: list[Request], file: str) -> tuple[Request, list[Request]]:
    """The next page reached the way the crawl reaches it: the request the previous page
    yields, then the saved answer to it."""
    nxt = listings(requests)[0]
    return nxt, list(spider.parse_listing(saved_response(SITE, file), **nxt.cb_kwargs))


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = first_page()
    assert articles(requests) == PAGE_ONE
    assert [(r.url, r.method) for r in listings(requests)] == [(f"{LISTING}&page=2", "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = first_page()
    assert all(r.url.startswith(f"{ORIGIN}/") for r in requests)
    assert not any(mark in r.url for r in requests for mark in SIDEBAR_ONLY)
    assert not any("www." in r.url for r in requests)


def test_the_article_key_is_the_query_string() -> None:
    site = get_site(SITE)
    ids = [re.match(site.article_url_pattern, url)["id"] for url in PAGE_ONE + PAGE_TWO]
    assert ids == ["9485", "9478", "9466", "9441"]
    assert not site.is_article_url(LISTING) and not site.is_article_url(f"{LISTING}&page=2")
    assert not site.is_article_url(f"{ORIGIN}/chi-tiet-tin-tuc")


def test_second_page_links_one_article_and_asks_for_the_third() -> None:
    spider = portal_spider(SITE)
    nxt, requests = chained(spider, first_page(spider), "listing-tin-hoat-dong-p2.html")
    assert nxt.url == f"{LISTING}&page=2" and nxt.method == "GET"
    assert articles(requests) == PAGE_TWO
    assert [r.url for r in listings(requests)] == [f"{LISTING}&page=3"]


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    spider = portal_spider(SITE)
    _, second = chained(spider, first_page(spider), "listing-tin-hoat-dong-p2.html")
    # &page=3 is out of range and the portlet answers with page 2's items again (case 17)
    nxt, third = chained(spider, second, "listing-tin-hoat-dong-p3.html")
    assert nxt.url == f"{LISTING}&page=3"
    assert third == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-hoi-thao-nang-luong-mat-troi-9485.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    assert spider.crawler.stats.get_value("khcn/failed/tripwire-listing-links") == 1
