"""dost.hochiminhcity.gov.vn (Sở KH&CN TP. Hồ Chí Minh): listing pages with full article
bodies, the ?page=N pager, the stop at an out-of-range page that repeats page 2. Article fields:
tests/portals/test_articles.py (tests/fixtures/hcmc_dost/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

from portals.registry import get_site
from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "hcmc_dost"
PAGE_1_FILE = "listing-hoat-dong-so-khcn-p1.html"
PAGE_2_FILE = "listing-hoat-dong-so-khcn-p2.html"
PAGE_3_FILE = "listing-hoat-dong-so-khcn-p3.html"
ORIGIN = "https://dost.hochiminhcity.gov.vn"
LISTING = f"{ORIGIN}/hoat-dong-so-khcn/"
NEWS = f"{ORIGIN}/tin-tuc-khcn/"
PAGE_ONE = [
    # linked as http://www.dost.hochiminhcity.gov.vn/...: one canonical URL per article
    NEWS + "ket-noi-sang-tao-ung-dung-tri-tue-nhan-tao-tai-quan-12/",
    NEWS + "so-khcn-lam-viec-voi-khu-cong-nghe-cao-ve-nghien-cuu-vi-mach-ban-dan/",
    NEWS + "tap-huan-nghiep-vu-quan-ly-tieu-chuan-do-luong-chat-luong-cho-can-bo-quan-huyen/",
]
PAGE_TWO = [
    NEWS + "so-khcn-gap-mat-can-bo-huu-tri-nhan-dip-tet-nguyen-dan-tan-suu-2021/",
    NEWS + "trao-giay-chung-nhan-doanh-nghiep-khoa-hoc-va-cong-nghe-nam-2020/",
]
NOT_FOLLOWED = [
    # the sidebar "Thông báo" and the in-body link inside a full listed body (research case 18)
    "thong-bao-tiep-nhan-de-xuat-nhiem-vu-ho-tro-doanh-nghiep-doi-moi-cong-nghe-nam-2024",
    "thong-bao-lich-tiep-cong-dan-quy-iii-nam-2023",
    "ket-qua-xet-chon-giai-thuong-sang-tao-tphcm-nam-2023",
]


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    assert [(r.url, r.method) for r in next_pages(requests)] == [(f"{LISTING}?page=2", "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars_and_body_links() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith(f"{ORIGIN}/") for r in requests)
    assert not any(slug in r.url for r in requests for slug in NOT_FOLLOWED)
    assert not any("/thong-bao/" in r.url for r in requests)


def test_listing_pages_with_full_bodies_are_never_articles() -> None:
    site = get_site(SITE)
    for url in (LISTING, f"{LISTING}?page=2", f"{ORIGIN}/hoat-dong-so-khcn?page=2", NEWS):
        assert not site.is_article_url(url), url
    assert all(site.is_article_url(url) for url in PAGE_ONE + PAGE_TWO)
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert not any(
        r.url.startswith(LISTING) for r in requests if r.callback.__name__ != "parse_listing"
    )


def test_second_page_links_two_articles_and_asks_for_the_third() -> None:
    _, (nxt, requests) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert nxt.url == f"{LISTING}?page=2" and nxt.method == "GET"
    assert article_urls(requests) == PAGE_TWO
    assert [r.url for r in next_pages(requests)] == [f"{LISTING}?page=3"]


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    # ?page=3 is out of range and the portal answers with page 2's items again (case 17)
    _, _, (nxt, third) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE, PAGE_3_FILE)
    assert nxt.url == f"{LISTING}?page=3"
    assert third == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-ket-noi-sang-tao-ai-quan-12.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
