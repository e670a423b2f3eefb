"""sokhcn.cantho.gov.vn (Sở KH&CN thành phố Cần Thơ, DotNetNuke): listing pages.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
Article fields are checked from expected.toml by tests/portals/test_articles.py.
"""

from __future__ import annotations

from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "cantho_sokhcn"
LISTING = "http://sokhcn.cantho.gov.vn/Default.aspx?tabid=83"
ARTICLE = "http://sokhcn.cantho.gov.vn/default.aspx?nid={}&pid=57"
PAGE_1 = "listing-tin-hoat-dong-p1.html"
PAGE_2 = "listing-tin-hoat-dong-p2.html"
PAGE_3 = "listing-tin-hoat-dong-p3.html"
SIDEBAR_IDS = ("17527", "17520", "17511", "17490")  # "Tin mới cập nhật", "Thông báo"


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1, LISTING)
    assert article_urls(requests) == [
        ARTICLE.format(17522),
        ARTICLE.format(17519),  # linked as https://...: one canonical (http) URL per article
        ARTICLE.format(17514),
    ]
    [nxt] = next_pages(requests)
    assert nxt.method == "GET"
    assert nxt.url == f"{LISTING}&page=2"


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1, LISTING)
    assert all(r.url.startswith("http://sokhcn.cantho.gov.vn/") for r in requests)
    for nid in SIDEBAR_IDS:
        assert not any(f"nid={nid}&" in r.url for r in requests), nid
    assert not any("tabid=84" in r.url or "ctl=Login" in r.url for r in requests)


def test_second_page_links_its_article_and_asks_for_the_third() -> None:
    _, (_, requests) = walk(SITE, LISTING, PAGE_1, PAGE_2)
    assert article_urls(requests) == [ARTICLE.format(17506)]
    assert [r.url for r in next_pages(requests)] == [f"{LISTING}&page=3"]


def test_pagination_stops_at_an_out_of_range_page_that_repeats_page_two() -> None:
    # ?page=3 is clamped by the module to the last page: nothing new, no page 4 (case 17)
    _, _, (_, page_3) = walk(SITE, LISTING, PAGE_1, PAGE_2, PAGE_3)
    assert page_3 == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-nghiem-thu-che-pham-ca-tra.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
