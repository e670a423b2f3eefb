"""sokhcn.angiang.gov.vn (IBM WebSphere Portal, wpsPortletBody skins): listing pages through
the spider's callbacks. Article fields are checked from expected.toml by
tests/portals/test_articles.py.

Articles are keyed on the WCM friendly URL (?WCM_GLOBAL_CONTEXT=/wps/wcm/connect/...); the
pager's "»" link is an opaque !ut/p/b1/... state URL that must be followed as it is.
"""

from __future__ import annotations

from tests.conftest import portal_spider
from tests.listing_walk import (
    article_urls,
    follow,
    listing_page,
    next_pages,
    tripwire_listing,
    walk,
)

SITE = "angiang_sokhcn"
ORIGIN = "https://sokhcn.angiang.gov.vn"
LISTING = ORIGIN + "/wps/portal/Home/tin-tuc-su-kien/hoat-dong-khcn"
ARTICLE = (
    ORIGIN + "/wps/portal/Home/tin-tuc-su-kien/chi-tiet?WCM_GLOBAL_CONTEXT="
    "/wps/wcm/connect/sokhcn/tin-tuc-su-kien/hoat-dong-khcn/"
)
PAGE_2 = (
    LISTING + "/!ut/p/b1/04_Sj9CPykssy0xPLMnMz0vMAfGjzOI9HT0cDT2DDbwsLF3MDBx9LPzCTN2cjAobROc4Lc"
    "bumkVV3HsEZl-_q_ywk6n8SlOIIf773s7SgrkiNyzLKdCSWpJeCMUeppxJHahgDvSsCBFJm8dMqFrefjtCN5ZYx"
    "lxFVHsLSEvFiTLTHkcKm5YF6mE-qRbTQ2u3DrfJxa13akckyqLSxvQGksBwwuZYBmv2NikkLic8!!"
    "/dl4/d5/L2dJQSEvUUt3QS80TmxFL1o2X0Y0RjAwSDAyS0c4RzEwQVBLRlY3UjEyLQyszuPA7NrX/"
)
PAGE_1_FILE = "listing-hoat-dong-khcn-p1.html"
PAGE_2_FILE = "listing-hoat-dong-khcn-p2.html"


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == [
        ARTICLE + "nghiem-thu-de-tai-san-xuat-giong-ca-tra-3-cap-chat-luong-cao",
        # linked with the portlet anchor "#Z7_...": the fragment is not part of the key
        ARTICLE + "chuyen-giao-quy-trinh-trong-nam-bao-ngu-cho-nong-dan-huyen-cho-moi",
        ARTICLE + "an-giang-co-them-5-nhan-hieu-tap-the-duoc-cap-van-bang-bao-ho",
    ]
    [nxt] = next_pages(requests)
    # the "»" link's opaque portlet-state URL (page number inside the state), as linked
    assert nxt.url == PAGE_2
    assert nxt.method == "GET"


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith(ORIGIN + "/wps/portal/Home/") for r in requests)
    assert not any("#" in r.url for r in requests)
    # "Tin xem nhiều" (also a wpsPortletBody) links articles of other site areas
    assert not any("/thong-bao/" in r.url or "/khcn-trong-nuoc/" in r.url for r in requests)
    assert not any("tong-ket-hoat-dong-sang-kien" in r.url for r in requests)


def test_second_page_reached_by_the_next_link_links_one_article_and_stops() -> None:
    _, (_, page_two) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert article_urls(page_two) == [
        ARTICLE + "hoi-thao-ung-dung-he-thong-truy-xuat-nguon-goc-cho-san-pham-nong-san-chu-luc"
    ]
    # the last page has only "«" and "1": no request for a page 3
    assert next_pages(page_two) == []


def test_a_page_seen_again_brings_nothing() -> None:
    spider = portal_spider(SITE)
    requests = listing_page(SITE, PAGE_1_FILE, LISTING, spider=spider)
    follow(spider, requests, SITE, PAGE_2_FILE)
    assert follow(spider, requests, SITE, PAGE_2_FILE)[1] == []
    # no new article: no next-page request either
    assert listing_page(SITE, PAGE_1_FILE, LISTING, spider=spider) == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-nam-bao-ngu-cho-moi.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
