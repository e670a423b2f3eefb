"""travinh.gov.vn, Sở KH&CN area (IBM WebSphere Portal 8): listing pages through the spider's
callbacks. Article fields are checked from expected.toml by tests/portals/test_articles.py.

Articles are keyed on the WCM friendly URL (?1dmy&urile=wcm%3apath%3a/...); the pager's
"Trang sau" link is an opaque !ut/p/z1/... state URL that must be followed as it is.
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

SITE = "travinh_portal"
ORIGIN = "https://www.travinh.gov.vn"
LISTING = ORIGIN + "/wps/portal/khcn/tin-tuc/tin-hoat-dong-khcn"
ARTICLE = ORIGIN + "/wps/portal/khcn/chi-tiet-tin?1dmy&urile=wcm%3apath%3a/tvpcms/khcn/"
WINDOW = "Z7_K8H61442LGDM20AT3BS4EG1085"
PAGE_2 = (
    LISTING + "/!ut/p/z1/04_Sj9CPykssy0xPLMnMz0vMAfIjo8zi_iB7EoDckc_0QKKM_2besk8iL8vNYrjeWq5A"
    "bJgZg7GNPexLrEe8SWmaTaYsgSUGyFvtjHp890pt06Gm0lwM8k-kcnZoaFvI9si6YtA_5k1C3jl6EYJ9ksp9UY"
    "UA-3STLcLlXzRmFlxYIHZqwiTp4cfA!!/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
    f"pw/{WINDOW}/ren/p=WCM_PI=1/p=ns_{WINDOW}_WCM_Page.9b3f2c80-4b1e-4d7a-8c6e-fb2d0a1c5e73=2"
    "/p=CTX=QCPtvpcmsQCPkhcnQCPtin-hoat-dong-khcn/-/"
)
PAGE_1_FILE = "listing-tin-hoat-dong-khcn-p1.html"
PAGE_2_FILE = "listing-tin-hoat-dong-khcn-p2.html"


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == [
        ARTICLE + "tin-hoat-dong-khcn/nghiem-thu-de-tai-nhan-giong-dua-sap-bang-phuong-phap-"
        "nuoi-cay-phoi",
        ARTICLE + "tin-hoat-dong-khcn/tong-ket-hoi-thi-sang-tao-ky-thuat-tinh-tra-vinh-lan-thu-vii",
        # linked as http://travinh.gov.vn/...: moved onto the canonical https://www. origin
        ARTICLE + "tin-hoat-dong-khcn/chuyen-giao-mo-hinh-nuoi-bo-lai-sind-vo-beo-cho-dong-bao-"
        "khmer",
    ]
    [nxt] = next_pages(requests)
    # the "Trang sau" link's opaque portlet-state URL, requested exactly as linked
    assert nxt.url == PAGE_2
    assert nxt.method == "GET"


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith(ORIGIN + "/wps/portal/khcn/") for r in requests)
    # the "Tin chuyên ngành" sidebar links have the article form but are not in the list
    assert not any("tin-chuyen-nganh" in r.url for r in requests)


def test_second_page_reached_by_the_next_link_links_two_articles_and_stops() -> None:
    _, (_, page_two) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert article_urls(page_two) == [
        ARTICLE + "tin-hoat-dong-khcn/tap-huan-ap-dung-tcvn-iso-9001-2008-trong-co-quan-hanh-"
        "chinh-nha-nuoc",
        ARTICLE + "tin-hoat-dong-khcn/kiem-tra-do-luong-chat-luong-xang-dau-tren-dia-ban-tinh-"
        "nam-2013",
    ]
    # the last page has only "Trang trước" and "1": no request for a page 3
    assert next_pages(page_two) == []


def test_a_page_seen_again_brings_nothing() -> None:
    spider = portal_spider(SITE)
    requests = listing_page(SITE, PAGE_1_FILE, LISTING, spider=spider)
    follow(spider, requests, SITE, PAGE_2_FILE)
    assert follow(spider, requests, SITE, PAGE_2_FILE)[1] == []
    # no new article: no next-page request either
    assert listing_page(SITE, PAGE_1_FILE, LISTING, spider=spider) == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-nghiem-thu-dua-sap.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
