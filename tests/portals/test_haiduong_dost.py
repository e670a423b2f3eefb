"""haiduongdost.gov.vn (Sở KH&CN Hải Dương, frozen since the 2025 merger into Hải Phòng):
listing page 1, the ?page=N pager, the stop at an out-of-range page with no items, article URLs
keyed on the numeric id behind a mangled slug. Article fields: tests/portals/test_articles.py
(tests/fixtures/haiduong_dost/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import re

from portals.registry import get_site
from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "haiduong_dost"
PAGE_1_FILE = "listing-tin-tuc-p1.html"
PAGE_2_FILE = "listing-tin-tuc-p2.html"
PAGE_3_FILE = "listing-tin-tuc-p3.html"
ORIGIN = "https://haiduongdost.gov.vn"
LISTING = f"{ORIGIN}/category/tin-tuc/3"
ARTICLE = f"{ORIGIN}/article/"
PAGE_ONE = [
    ARTICLE
    + "nghiam-thu-da-tai-ang-dang-cang-ngha-sinh-hac-trong-san-xuat-vai-thiau-thanh-ha/11042",
    # linked as http://haiduongdost.gov.vn/...: requested in its canonical https form
    ARTICLE
    + "hai-dang-khoa-hac-ta-van-xac-danh-nhiam-va-kh-cn-cap-tanh-thac-hian-ta-nam-2025/11040",
    ARTICLE + "nang-suat-khoa-hac-viat-nam-qua-cang-ba-quac-ta/11035",  # research case 5 and 15
]
PAGE_TWO = [ARTICLE + "kiam-tra-chat-laang-xang-dau-tai-cac-caa-hang-tran-daa-ban-tanh/11021"]
SIDEBAR_ONLY = ["/11045", "/11048", "/11051", "/van-ban/"]  # "Tin mới cập nhật", "Văn bản mới"


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    assert [(r.url, r.method) for r in next_pages(requests)] == [(f"{LISTING}?page=2", "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith(f"{ORIGIN}/") for r in requests)
    assert not any(tail in r.url for r in requests for tail in SIDEBAR_ONLY)


def test_the_numeric_id_is_the_article_key_whatever_the_slug() -> None:
    site = get_site(SITE)
    ids = [re.match(site.article_url_pattern, url)["id"] for url in PAGE_ONE + PAGE_TWO]
    assert ids == ["11042", "11040", "11035", "11021"]
    assert not site.is_article_url(LISTING) and not site.is_article_url(f"{LISTING}?page=2")


def test_second_page_links_one_article_and_asks_for_the_third() -> None:
    _, (nxt, requests) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert nxt.url == f"{LISTING}?page=2" and nxt.method == "GET"
    assert article_urls(requests) == PAGE_TWO
    assert [r.url for r in next_pages(requests)] == [f"{LISTING}?page=3"]


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    # ?page=3 is past the end: the portal answers an empty list
    _, _, (nxt, third) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE, PAGE_3_FILE)
    assert nxt.url == f"{LISTING}?page=3"
    assert third == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    requests, tripped = tripwire_listing(
        SITE, "article-nang-suat-khoa-hoc-viet-nam-11035.html", LISTING
    )
    assert requests == []
    assert tripped == 1
