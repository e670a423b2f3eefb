"""www.dost-dongnai.gov.vn (Sở KH&CN Đồng Nai, SharePoint): listing pages and the postback pager.

The news list sits in an ASP.NET UpdatePanel; page 2 is a POST of the page's own form with
__EVENTTARGET set to the pager link "2" (research/portals.md §1 "Đồng Nai", §8 case 16). Article
fields are checked from expected.toml by tests/portals/test_articles.py.
"""

from __future__ import annotations

from parsel import Selector

from portals.registry import get_site
from tests.conftest import portal_spider, saved_page
from tests.listing_walk import (
    answer,
    article_urls,
    next_pages,
    posted_form,
    start_request,
    tripwire_count,
)

SITE = "dongnai_dost"
HOST = "https://www.dost-dongnai.gov.vn"
LISTING = f"{HOST}/Pages/tin-tuc.aspx"
NEWS = f"{HOST}/Pages/noi-dung-tin.aspx?NewsID="
WEB_PART = "ctl00$ctl28$g_8c1f4b2e_5d7a_4a63_9e0b_2f6c3d1a7e45$ctl02"
PAGE_1 = "listing-tin-tuc-p1.html"
PAGE_2 = "listing-tin-tuc-p2.html"  # the POST answer: a whole page, as a full postback returns


def test_first_listing_page_links_its_three_articles_then_posts_back_for_page_two() -> None:
    spider = portal_spider(SITE)
    start = start_request(spider)
    assert start.url == LISTING and start.method == "GET"
    requests = answer(spider, start, SITE, PAGE_1)
    # 4121 is linked on the bare host dost-dongnai.gov.vn: one canonical URL per article
    assert article_urls(requests) == [NEWS + "4127", NEWS + "4121", NEWS + "4118"]
    (nxt,) = next_pages(requests)
    assert nxt.url == LISTING and nxt.method == "POST"
    form = posted_form(nxt)
    assert form["__EVENTTARGET"] == f"{WEB_PART}$rptPaging$ctl01$lbtnPage"  # the link "2"
    assert form["__EVENTARGUMENT"] == ""
    page = Selector(text=saved_page(SITE, PAGE_1).html)
    for hidden in ("__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION", "__REQUESTDIGEST"):
        assert form[hidden] == page.css(f"input#{hidden}::attr(value)").get(), hidden
    assert form["MSOSPWebPartManager_DisplayModeName"] == "Browse"


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    spider = portal_spider(SITE)
    requests = answer(spider, start_request(spider), SITE, PAGE_1)
    assert all(r.url.startswith(f"{HOST}/Pages/") for r in requests)
    assert not any("sub.dost-dongnai" in r.url for r in requests)  # commune item in the list
    for sidebar in ("4110", "4087", "4084", "4069"):  # "Thông báo", "Tin đọc nhiều"
        assert NEWS + sidebar not in article_urls(requests)


def test_second_page_is_the_postback_answer_and_offers_no_third() -> None:
    spider = portal_spider(SITE)
    (nxt,) = next_pages(answer(spider, start_request(spider), SITE, PAGE_1))
    requests = answer(spider, nxt, SITE, PAGE_2)
    assert article_urls(requests) == [NEWS + "4102", NEWS + "4096"]
    assert next_pages(requests) == []  # "Trang sau" is disabled, no link "3"


def test_pagination_stops_at_a_page_that_brings_no_new_article() -> None:
    spider = portal_spider(SITE)
    (nxt,) = next_pages(answer(spider, start_request(spider), SITE, PAGE_1))
    answer(spider, nxt, SITE, PAGE_2)
    assert answer(spider, nxt, SITE, PAGE_2) == []


def test_the_query_string_is_the_article() -> None:
    site = get_site(SITE)
    assert site.is_article_url(NEWS + "4127")
    # SharePoint's rel=canonical ("https://www.dost-dongnai.gov.vn:443/Pages/noi-dung-tin.aspx")
    # names the page template, not the article
    assert not site.is_article_url(f"{HOST}/Pages/noi-dung-tin.aspx")
    assert not site.is_article_url(LISTING) and not site.is_article_url(f"{LISTING}?TopicID=2")


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    file = "article-trien-khai-nghi-quyet-57.html"
    answer(spider, start_request(spider), SITE, file)  # links, if any, found by the generic path
    assert (tripwire_count(spider) or 0) >= 1  # the tripwire and/or definition drift
