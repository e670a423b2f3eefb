"""dost.danang.gov.vn (Sở KH&CN Đà Nẵng): listing items in div.tintuc_body_head, the
&page=N pager added to ?idcat=, article URLs that keep their query string, www and bare hosts,
the stop at an out-of-range page that repeats page 2. Article fields:
tests/portals/test_articles.py (tests/fixtures/danang_dost/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import re

from portals.registry import get_site
from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "danang_dost"
PAGE_1_FILE = "listing-tin-hoat-dong-p1.html"
PAGE_2_FILE = "listing-tin-hoat-dong-p2.html"
PAGE_3_FILE = "listing-tin-hoat-dong-p3.html"
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


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    assert [(r.url, r.method) for r in next_pages(requests)] == [(f"{LISTING}&page=2", "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
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
    _, (nxt, requests) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert nxt.url == f"{LISTING}&page=2" and nxt.method == "GET"
    assert article_urls(requests) == PAGE_TWO
    assert [r.url for r in next_pages(requests)] == [f"{LISTING}&page=3"]


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    # &page=3 is out of range and the portlet answers with page 2's items again (case 17)
    _, _, (nxt, third) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE, PAGE_3_FILE)
    assert nxt.url == f"{LISTING}&page=3"
    assert third == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    requests, tripped = tripwire_listing(
        SITE, "article-hoi-thao-nang-luong-mat-troi-9485.html", LISTING
    )
    assert requests == []
    assert tripped == 1
