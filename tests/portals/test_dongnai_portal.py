"""dongnai.gov.vn (post-merger Đồng Nai portal, NukeViet 4.5, rewrite on): the Khoa học - Công
nghệ category, paged as '{url}/page-{n}'. Article fields: tests/portals/test_articles.py.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "dongnai_portal"
PAGE_1_FILE = "listing-p1.html"
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


def test_first_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_1
    # {url} has no trailing slash
    assert [r.url for r in next_pages(requests)] == [LISTING + "page-2"]
    assert [r.method for r in next_pages(requests)] == ["GET"]


def test_first_page_skips_sidebars_and_the_next_page_teasers() -> None:
    urls = [r.url for r in listing_page(SITE, PAGE_1_FILE, LISTING)]
    # "Các tin khác" under the items lists page 2's articles: page 2 brings them, not page 1
    assert not set(PAGE_2) & set(urls)
    # "Tin mới nhất" (other categories), banners, the CDN host: never followed
    assert all(url.startswith(LISTING) for url in urls)
    assert not any("cdn.dongnai.gov.vn" in url for url in urls)


def test_second_page_links_two_articles_and_asks_for_the_third() -> None:
    _, (_, requests) = walk(SITE, LISTING, PAGE_1_FILE, "listing-p2.html")
    assert article_urls(requests) == PAGE_2
    assert [r.url for r in next_pages(requests)] == [LISTING + "page-3"]


def test_pagination_stops_at_the_out_of_range_page() -> None:
    # page-3 is out of range: the portal serves page 2's items again (research §8 case 17)
    _, _, (_, third) = walk(SITE, LISTING, PAGE_1_FILE, "listing-p2.html", "listing-p3.html")
    assert third == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-nghi-quyet-57-so-ket.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
