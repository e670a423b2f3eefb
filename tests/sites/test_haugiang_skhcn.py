"""skhcn.haugiang.gov.vn (Sở KH&CN Hậu Giang, Liferay 6.2, frozen since Hậu Giang merged into
Cần Thơ): the news portlet's listing of /tin-tuc, its .pagination "Trang sau" link (…_cur=N,
printed even on the last page; an out-of-range page repeats page 2), article URLs whose numeric
id is glued to the slug ("…nam-2025" + "96055"), and an article of listing page 2 that the
retired host 301-redirects to the merged portal's home page: recorded as gone, never stored.
Article fields: tests/portals/test_articles.py (tests/fixtures/haugiang_skhcn/expected.toml).

The spider's callbacks run on saved pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

import re
import tomllib

from scrapy import Request
from scrapy.http import HtmlResponse

from portals.items import GoneUrl
from portals.registry import get_site
from tests.conftest import FIXTURES, article_items, portal_spider, saved_page
from tests.listing_walk import article_urls, listing_page, next_pages, tripwire_listing, walk

SITE = "haugiang_skhcn"
PAGE_1_FILE = "listing-p1.html"
PAGE_2_FILE = "listing-p2.html"
PAGE_3_FILE = "listing-p3.html"
ORIGIN = "https://skhcn.haugiang.gov.vn"
LISTING = f"{ORIGIN}/tin-tuc"
NEWS = f"{ORIGIN}/chi-tiet/-/tin-tuc/"
NS = "_dstintuc_WAR_hgportalportlet_"
PAGER = (
    f"{LISTING}?p_p_id=dstintuc_WAR_hgportalportlet&p_p_lifecycle=0&p_p_state=normal"
    f"&p_p_mode=view&p_p_col_id=column-1&p_p_col_count=1&{NS}delta=3&{NS}cur="
)
CANTHO = "https://www.cantho.gov.vn/"
PAGE_ONE = [
    NEWS + "So-ket-cong-tac-khoa-hoc--cong-nghe--doi-moi-sang-tao-va-chuyen-doi-so-6-thang-dau-"
    "nam-202596412",
    NEWS + "Nghiem-thu-nhiem-vu-nhan-giong-khom-Cau-Duc-bang-phuong-phap-nuoi-cay-mo96187",
    NEWS + "Hau-Giang--Huong-ung-Ngay-Khoa-hoc-va-Cong-nghe-Viet-Nam-18-5-nam-202596055",
]
# research/portals.md §4, §8 case 20: this one now answers 301 -> the Cần Thơ portal's home
GONE = NEWS + "Kiem-tra-nha-nuoc-ve-do-luong-doi-voi-cua-hang-kinh-doanh-xang-dau95790"
PAGE_TWO = [NEWS + "Tap-huan-ky-nang-so-cho-thanh-vien-to-cong-nghe-so-cong-dong95876", GONE]
SIDEBAR_ONLY = ["96398", "96301", "Thong-bao"]  # "Thông báo" sidebar items


def test_first_listing_page_links_its_three_articles_then_page_two() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == PAGE_ONE
    assert [(r.url, r.method) for r in next_pages(requests)] == [(f"{PAGER}2", "GET")]


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith(f"{ORIGIN}/") for r in requests)
    assert not any(mark in r.url for r in requests for mark in SIDEBAR_ONLY)


def test_the_id_glued_to_the_slug_is_isolated() -> None:
    site = get_site(SITE)
    ids = [re.match(site.article_url_pattern, url)["id"] for url in PAGE_ONE + PAGE_TWO]
    assert ids == ["96412", "96187", "96055", "95876", "95790"]
    # the URL stored in research/portals.md §1: "…nam-2022" + "77347"
    stored = NEWS + "Hau-Giang--Huong-ung-Ngay-Khoa-hoc-va-Cong-nghe-Viet-Nam-18-5-nam-202277347"
    assert re.match(site.article_url_pattern, stored)["id"] == "77347"
    for url in (LISTING, f"{PAGER}2", f"{ORIGIN}/chi-tiet", f"{LISTING}/tin-hoat-dong", CANTHO):
        assert not site.is_article_url(url), url


def test_second_page_links_an_article_and_the_redirected_one_then_asks_for_the_third() -> None:
    _, (nxt, requests) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE)
    assert nxt.url == f"{PAGER}2" and nxt.method == "GET"
    assert article_urls(requests) == PAGE_TWO
    assert [r.url for r in next_pages(requests)] == [f"{PAGER}3"]


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    # cur=3 is out of range: the portlet clamps it and answers with page 2's items (case 17)
    _, _, (nxt, third) = walk(SITE, LISTING, PAGE_1_FILE, PAGE_2_FILE, PAGE_3_FILE)
    assert nxt.url == f"{PAGER}3"
    assert third == []


def test_the_redirected_article_is_in_the_snapshot_as_a_redirect_not_as_gold() -> None:
    folder = FIXTURES / SITE
    manifest = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    assert manifest["redirects"] == {GONE: CANTHO}
    assert GONE not in manifest["pages"]
    # the crawl follows the 301 to the merged portal: its robots.txt and home page are saved
    assert manifest["pages"]["https://www.cantho.gov.vn/robots.txt"] == "cantho-robots.txt"
    assert manifest["pages"][CANTHO] == "cantho-home.html"
    gold = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    assert "95790" not in " ".join(saved_page(SITE, g["file"]).url for g in gold["articles"])


def test_a_redirect_to_the_merged_portal_home_is_recorded_gone() -> None:
    page = saved_page(SITE, "cantho-home.html")
    request = Request(page.url, meta={"redirect_urls": [GONE], "page_kind": "article"})
    response = HtmlResponse(
        url=page.url, body=page.path.read_bytes(), encoding="utf-8", request=request
    )
    items = article_items(portal_spider(SITE), response)
    assert len(items) == 1 and isinstance(items[0], GoneUrl)
    assert (items[0].url, items[0].target) == (GONE, CANTHO)


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-huong-ung-ngay-khcn-2025.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
