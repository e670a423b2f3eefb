"""skhcn.hanam.gov.vn (Sở KH&CN Hà Nam, SharePoint, frozen since 1/7/2025): listing pages and
the list view's "next" paging link (research/portals.md §1 "Hà Nam", §2 item 3, §8 case 16).
Article fields are checked from expected.toml by tests/portals/test_articles.py.
"""

from __future__ import annotations

from portals.registry import get_site
from tests.conftest import portal_spider
from tests.listing_walk import answer, article_urls, next_pages, start_request, tripwire_count

SITE = "hanam_skhcn"
HOST = "https://skhcn.hanam.gov.vn"
LISTING = f"{HOST}/Pages/tin-tuc-su-kien.aspx"
PAGES = f"{HOST}/Pages/"
PAGE_2_URL = (
    f"{LISTING}?Paged=TRUE&p_ID=1187&PageFirstRow=4&View=%7B5E2C8A41-9B3D-4F7E-A6C2-1D8E0F3B7A95%7D"
)
PAGE_1 = "listing-tin-tuc-su-kien-p1.html"
PAGE_2 = "listing-tin-tuc-su-kien-p2.html"


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    spider = portal_spider(SITE)
    start = start_request(spider)
    assert start.url == LISTING
    requests = answer(spider, start, SITE, PAGE_1)
    assert article_urls(requests) == [
        PAGES
        + "nghiem-thu-de-tai-trong-thu-nghiem-giong-lua-chat-luong-cao-tai-huyen-ly-nhan.aspx",
        PAGES + "hoi-nghi-tong-ket-chuong-trinh-phat-trien-tai-san-tri-tue-tinh-ha-nam-"
        "giai-doan-2021-2025.aspx",
        # linked as http://skhcn.hanam.gov.vn/...: one canonical URL per article
        PAGES + "tang-cuong-kiem-tra-chat-luong-mu-bao-hiem-cho-nguoi-di-mo-to-xe-may.aspx",
    ]
    (nxt,) = next_pages(requests)
    assert nxt.url == PAGE_2_URL and nxt.method == "GET"  # a.ms-paging-next in #pagingWPQ2next


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    spider = portal_spider(SITE)
    requests = answer(spider, start_request(spider), SITE, PAGE_1)
    assert all(r.url.startswith(PAGES) for r in requests)
    urls = " ".join(r.url for r in requests)
    assert "ninhbinh.gov.vn" not in urls
    assert "chi-so-doi-moi-sang-tao-cap-dia-phuong" not in urls  # "Tin nổi bật" sidebar
    assert "hoi-dong-tu-van-xac-dinh-nhiem-vu" not in urls  # "Tin nổi bật" sidebar


def test_second_page_links_one_article_and_has_no_next_link() -> None:
    spider = portal_spider(SITE)
    (nxt,) = next_pages(answer(spider, start_request(spider), SITE, PAGE_1))
    requests = answer(spider, nxt, SITE, PAGE_2)
    assert article_urls(requests) == [
        PAGES + "tap-huan-nang-cao-nang-luc-doi-moi-sang-tao-cho-doanh-nghiep-nho-va-vua.aspx"
    ]
    assert next_pages(requests) == []  # only the "previous" paging link on the last page


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    spider = portal_spider(SITE)
    (nxt,) = next_pages(answer(spider, start_request(spider), SITE, PAGE_1))
    answer(spider, nxt, SITE, PAGE_2)
    assert answer(spider, nxt, SITE, PAGE_2) == []


def test_section_pages_are_not_articles() -> None:
    site = get_site(SITE)
    for section in (
        "default",
        "tin-tuc-su-kien",
        "hoat-dong-cua-so",
        "tin-khoa-hoc-cong-nghe-dia-phuong",
        "tin-khoa-hoc-cong-nghe-trong-nuoc",
        "van-ban-phap-quy",
        "thu-tuc-hanh-chinh",
    ):
        assert not site.is_article_url(f"{PAGES}{section}.aspx"), section
    assert not site.is_article_url(PAGE_2_URL)
    assert site.is_article_url(
        PAGES + "tang-cuong-kiem-tra-chat-luong-mu-bao-hiem-cho-nguoi-di-mo-to-xe-may.aspx"
    )


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    file = "article-kiem-tra-mu-bao-hiem.html"
    assert answer(spider, start_request(spider), SITE, file) == []
    assert tripwire_count(spider) == 1
