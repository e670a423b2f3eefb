"""skhcn.hatinh.gov.vn (Sở KH&CN Hà Tĩnh): listing pages and the ?page=N pager whose
out-of-range pages still answer (research case 17). Article fields are checked from
expected.toml by test_articles.py.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "hatinh_skhcn"
PAGE_1_FILE = "listing-p1.html"
LISTING = "https://skhcn.hatinh.gov.vn/danh-sach-tin-tuc/tin-tuc-su-kien"
NEWS = "https://skhcn.hatinh.gov.vn/chi-tiet-tin-tuc/"


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == [
        # linked once over http:// (thumbnail) and once over https:// (title): one URL
        NEWS + "nghiem-thu-de-tai-phuc-trang-va-phat-trien-giong-buoi-phuc-trach",
        # linked relatively
        NEWS + "tap-huan-ap-dung-he-thong-quan-ly-chat-luong-theo-tieu-chuan-tcvn-iso-9001-2015",
        NEWS + "ha-tinh-huong-ung-ngay-chuyen-doi-so-quoc-gia-10-10",
    ]
    nxt = next_pages(requests)
    assert [(r.url, r.method) for r in nxt] == [(f"{LISTING}?page=2", "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith("https://skhcn.hatinh.gov.vn/") for r in requests)
    for sidebar_only in (
        "ha-tinh-cong-bo-chi-so-doi-moi-sang-tao-cap-tinh-nam-2025",  # 'Tin nổi bật'
        "kiem-tra-do-luong-xang-dau-tai-cac-cua-hang-ban-le",
        "chi-tiet-tap-san/",  # bulletin, not news
        "danh-sach-tin-tuc/chuyen-doi-so",  # menu category
    ):
        assert not any(sidebar_only in r.url for r in requests), sidebar_only


def test_second_page_links_two_articles_and_asks_for_the_third() -> None:
    _, (_, requests) = walk(SITE, LISTING, PAGE_1_FILE, "listing-p2.html")
    assert article_urls(requests) == [
        NEWS + "ho-tro-doanh-nghiep-dang-ky-bao-ho-nhan-hieu-cho-san-pham-ocop",
        NEWS + "techfest-ha-tinh-2025-ket-noi-he-sinh-thai-khoi-nghiep-doi-moi-sang-tao",
    ]
    assert [r.url for r in next_pages(requests)] == [f"{LISTING}?page=3"]


def test_pagination_stops_at_an_out_of_range_page_that_repeats_page_two() -> None:
    # ?page=3 is past the end; the portal answers with page 2's items again (research case 17)
    _, _, (_, third) = walk(
        SITE, LISTING, PAGE_1_FILE, "listing-p2.html", "listing-p3-out-of-range.html"
    )
    assert third == []


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-tap-huan-iso-9001.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
