"""sokhcn.ninhbinh.gov.vn (UIArticleInMenu): listing page 1, the LoadArticle POST for page 2,
the stop at the declared maxPage. Article fields: tests/portals/test_articles.py
(tests/fixtures/ninhbinh_sokhcn/expected.toml).

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

SITE = "ninhbinh_sokhcn"
PAGE_1_FILE = "listing-p1.html"
PAGE_2_FILE = "loadarticle-p2.json"
ORIGIN = "https://sokhcn.ninhbinh.gov.vn"
LISTING = f"{ORIGIN}/tin-hoat-dong-cua-so"
ENDPOINT = f"{ORIGIN}/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
NEWS = f"{LISTING}/"
PAGE_ONE = [
    NEWS
    + "ninh-binh-to-chuc-cac-hoat-dong-huong-ung-ngay-khoa-hoc-va-cong-nghe-viet-nam-18-5-682145",
    NEWS
    + "nghiem-thu-de-tai-nhan-giong-va-trong-thu-nghiem-cay-duoc-lieu-tai-huyen-nho-quan-681730",
    NEWS + "tap-huan-nang-cao-nhan-thuc-ve-so-huu-tri-tue-cho-doanh-nghiep-hop-tac-xa-679862",
]
PAGE_TWO = [
    NEWS + "kiem-tra-do-luong-chat-luong-xang-dau-tren-dia-ban-tinh-678915",
    NEWS + "hoi-thao-ung-dung-chuyen-doi-so-trong-quan-ly-nhiem-vu-khoa-hoc-va-cong-nghe-678204",
]
SIDEBAR_ONLY = [
    "ubnd-tinh-lam-viec-voi-bo-khoa-hoc-va-cong-nghe-682301",  # "Tin mới nhất"
    "cong-bo-chi-so-doi-moi-sang-tao-cap-dia-phuong-pii-2023-681964",
]


def test_first_listing_page_links_its_three_articles_in_order() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    assert len(next_pages(requests)) == 1


def test_page_two_is_a_load_article_post_with_the_ids_page_one_declares() -> None:
    nxt = next_pages(listing_page(SITE, PAGE_1_FILE, LISTING))[0]
    fields = load_article_post(nxt, ENDPOINT)
    assert fields["article_category_id"] == "2713"
    assert fields["categoryIds"] == "2713"
    assert fields["site_id"] == "27"
    assert fields["page"] == "2"
    assert fields["page_size"] == "3"
    assert fields["no"] == "-3"  # -page_size


def test_second_page_links_two_articles_and_stops_at_max_page() -> None:
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
    spider = portal_spider(SITE)
    requests = listing_page(SITE, PAGE_1_FILE, LISTING, spider=spider)
    _, (_, page_two) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    urls = [r.url for r in requests + page_two]
    assert all(url.startswith(ORIGIN + "/") for url in urls)
    for path in SIDEBAR_ONLY:
        assert not any(path in url for url in urls), path
    # the sidebar repeats a page-2 article: page 1 must not take it early
    assert PAGE_TWO[0] not in article_urls(requests)


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-tap-huan-so-huu-tri-tue.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
