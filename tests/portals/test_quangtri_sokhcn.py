"""sokhcn.quangtri.gov.vn (Sở KH&CN Quảng Trị, Liferay 6.2): the Asset Publisher listing of
/tin-tuc-su-kien, its page iterator (.lfr-pagination: "Tiếp theo" links ..._cur=2 and is
disabled on the last page), article URLs carrying two 13-digit numbers (the id is the last;
neither is the publication date), an http:// link folded onto the https origin, and the
sidebar Asset Publisher ("Tin xem nhiều") never followed. Article fields:
tests/portals/test_articles.py (tests/fixtures/quangtri_sokhcn/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import re

from portals.registry import get_site
from tests.conftest import portal_spider
from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "quangtri_sokhcn"
PAGE_1_FILE = "listing-p1.html"
PAGE_2_FILE = "listing-p2.html"
ORIGIN = "https://sokhcn.quangtri.gov.vn"
LISTING = f"{ORIGIN}/tin-tuc-su-kien"
ARTICLE = f"{ORIGIN}/chi-tiet-tin/-/view-article/1/"
NS = "_101_INSTANCE_Qf8ZkT3mXw1N_"
PAGE_TWO_URL = (
    f"{LISTING}?p_p_id=101_INSTANCE_Qf8ZkT3mXw1N&p_p_lifecycle=0&p_p_state=normal"
    f"&p_p_mode=view&p_p_col_id=column-2&p_p_col_count=1&{NS}delta=3&{NS}keywords="
    f"&{NS}advancedSearch=false&{NS}andOperator=true&p_r_p_564233524_resetCur=false&{NS}cur=2"
)
PAGE_ONE = [
    ARTICLE + "1663228888354/1663241390826",
    ARTICLE + "1663228903127/1663241176093",  # linked as http://: one canonical https URL
    ARTICLE + "1663228917560/1663240912458",
]
PAGE_TWO = [
    ARTICLE + "1663228888354/1663240587301",
    ARTICLE + "1663228888354/1663239191717",  # the URL stored in research/portals.md §1
]
# "Tin xem nhiều" sidebar, "Tin liên quan" teasers and "Các tin khác" never come from a listing
SIDEBAR_ONLY = ["1663237012894", "1663238390772", "1663238745120", "1663238512406"]


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    # one request although the page selector, "Tiếp theo" and "Cuối cùng" all point at cur=2
    assert [(r.url, r.method) for r in next_pages(requests)] == [(PAGE_TWO_URL, "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith(f"{ORIGIN}/") for r in requests)
    assert not any(mark in r.url for r in requests for mark in SIDEBAR_ONLY)
    assert not any(r.url.startswith("http://") for r in requests)


def test_the_article_key_is_the_last_13_digit_number() -> None:
    site = get_site(SITE)
    ids = [re.match(site.article_url_pattern, url)["id"] for url in PAGE_ONE + PAGE_TWO]
    assert ids == [
        "1663241390826", "1663241176093", "1663240912458", "1663240587301", "1663239191717",
    ]  # fmt: skip
    for url in (LISTING, PAGE_TWO_URL, f"{ORIGIN}/chi-tiet-tin", f"{LISTING}/hoat-dong-khcn"):
        assert not site.is_article_url(url), url


def test_second_page_links_two_articles_and_is_the_last() -> None:
    _, (nxt, requests) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert nxt.url == PAGE_TWO_URL and nxt.method == "GET"
    assert f"{NS}cur=2" in nxt.url and f"{NS}delta=3" in nxt.url
    assert article_urls(requests) == PAGE_TWO
    # "Tiếp theo" is disabled (href="javascript:;") on the last page: no page 3 is asked for
    assert next_pages(requests) == []


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    spider = portal_spider(SITE)
    _, (_, second) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE, spider=spider)
    assert article_urls(second) == PAGE_TWO
    again = listing_page(SITE, PAGE_2_FILE, LISTING, number=2, spider=spider)
    assert again == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-ngay-khcn-18-5.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
