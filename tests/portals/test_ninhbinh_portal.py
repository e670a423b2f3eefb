"""ninhbinh.gov.vn, the province portal (UIArticleInMenu): its "Khoa học - Công nghệ" listing,
the LoadArticle POST for page 2 (absolute http://www. links), the stop at the declared maxPage.
Article fields: tests/portals/test_articles.py (tests/fixtures/ninhbinh_portal/expected.toml);
the republished Sở article shared with ninhbinh_sokhcn is research case 19.

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

from tests.conftest import portal_spider
from tests.listing_walk import (
    answer,
    article_urls,
    listing_page,
    load_article_post,
    next_pages,
    tripwire_listing,
    walk,
)

SITE = "ninhbinh_portal"
PAGE_1_FILE = "listing-p1.html"
PAGE_2_FILE = "loadarticle-p2.json"
ORIGIN = "https://ninhbinh.gov.vn"
LISTING = f"{ORIGIN}/khoa-hoc-cong-nghe"
ENDPOINT = f"{ORIGIN}/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
NEWS = f"{LISTING}/"
PAGE_ONE = [
    NEWS + "ninh-binh-day-manh-ung-dung-khoa-hoc-cong-nghe-trong-san-xuat-nong-nghiep-683377",
    # the Sở's article republished by the portal (its Sở URL ends -682145)
    NEWS
    + "ninh-binh-to-chuc-cac-hoat-dong-huong-ung-ngay-khoa-hoc-va-cong-nghe-viet-nam-18-5-682419",
    NEWS + "phat-trien-he-sinh-thai-khoi-nghiep-doi-moi-sang-tao-tinh-ninh-binh-681988",
]
# linked as http://www.ninhbinh.gov.vn/... in the fragment: one canonical URL per article
PAGE_TWO = [
    NEWS
    + "so-ket-3-nam-thuc-hien-chuong-trinh-nang-cao-nang-suat-chat-luong-san-pham-hang-hoa-681402",
]


def test_first_listing_page_links_its_three_articles_in_order() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    assert len(next_pages(requests)) == 1


def test_page_two_is_a_load_article_post_with_the_ids_page_one_declares() -> None:
    nxt = next_pages(listing_page(SITE, PAGE_1_FILE, LISTING))[0]
    fields = load_article_post(nxt, ENDPOINT)
    assert fields["article_category_id"] == "84"
    assert fields["categoryIds"] == "84,112"
    assert fields["site_id"] == "1"
    assert fields["page"] == "2"
    assert fields["page_size"] == "3"
    assert fields["no"] == "-3"  # -page_size


def test_second_page_links_its_article_and_stops_at_max_page() -> None:
    _, (_, requests) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert article_urls(requests) == PAGE_TWO
    # page 1 declares maxPage = parseInt(2): no page 3 is requested
    assert next_pages(requests) == []


def test_a_repeated_page_brings_nothing_new() -> None:
    spider = portal_spider(SITE)
    _, (nxt, _) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE, spider=spider)
    again = answer(spider, nxt, SITE, PAGE_2_FILE)
    assert again == []


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    _, (_, page_two) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    urls = [r.url for r in requests + page_two]
    assert all(url.startswith(ORIGIN + "/") for url in urls)
    assert not any("sokhcn.ninhbinh.gov.vn" in url for url in urls)  # "Thông tin từ các sở, ngành"
    assert not any("sonongnghiep" in url for url in urls)
    for path in (
        "/kinh-te/",
        "/van-hoa-xa-hoi/",
        "/thong-tin-chi-dao-dieu-hanh/",
    ):  # "Tin đọc nhiều"
        assert not any(path in url for url in urls), path


def test_a_listing_without_article_links_trips_the_wire() -> None:
    requests, tripped = tripwire_listing(
        SITE, "article-so-ket-chuong-trinh-nang-suat.html", LISTING
    )
    assert requests == []
    assert tripped == 1
