"""canthostnews.vn (Cần Thơ STNews, DNN Platform): listing pages paged by ASP.NET postback.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
Page 2 is the saved answer to the pager's POST ([[posts]] in the manifest).
Article fields are checked from expected.toml by tests/portals/test_articles.py.
"""

from __future__ import annotations

from parsel import Selector

from tests.conftest import saved_page
from tests.listing_walk import (
    article_urls,
    listing_page,
    next_pages,
    posted_form,
    tripwire_listing,
    walk,
)

SITE = "cantho_stnews"
LISTING = "http://canthostnews.vn/?tabid=234"
ARTICLE = "http://canthostnews.vn/?tabid=235&NDID={}&keyword={}"
PAGE_1 = "listing-tin-khcn-can-tho-p1.html"
PAGE_2 = "listing-tin-khcn-can-tho-p2.html"  # the POST answer for page 2
PAGER = "dnn$ctr456$NewsList$pager"
CALENDAR = "dnn$ctr470$EventCalendar$calEvents"
SIDEBAR_IDS = ("15998", "16044", "16031", "16050", "16041", "16036")  # "Tin đọc nhiều", ...


def hidden_inputs(name: str) -> dict[str, str]:
    page = Selector(text=saved_page(SITE, name).html)
    return {
        field.attrib["name"]: field.attrib.get("value", "")
        for field in page.css("form#Form input[type=hidden]")
    }


def test_first_listing_page_links_its_three_articles() -> None:
    assert article_urls(listing_page(SITE, PAGE_1, LISTING)) == [
        ARTICLE.format(
            16052, "Ung-dung-cong-nghe-tuoi-tiet-kiem-nuoc-cho-vuon-cay-an-trai-mua-han-man"
        ),
        # linked as http://www.canthostnews.vn/...: one canonical URL per article
        ARTICLE.format(16047, "So-KH-CN-trien-khai-nhiem-vu-nam-2020-bang-hinh-thuc-truc-tuyen"),
        ARTICLE.format(16039, "Nghien-cuu-san-xuat-che-pham-vi-sinh-xu-ly-rom-ra-tren-dong-ruong"),
    ]


def test_page_two_is_a_postback_of_the_news_pager_with_the_page_state() -> None:
    [nxt] = next_pages(listing_page(SITE, PAGE_1, LISTING))
    assert nxt.method == "POST"
    assert nxt.url == LISTING  # the form's own action
    assert nxt.headers.get("Content-Type") == b"application/x-www-form-urlencoded"
    form = posted_form(nxt)
    assert (form["__EVENTTARGET"], form["__EVENTARGUMENT"]) == (PAGER, "2")
    hidden = hidden_inputs(PAGE_1)
    for name in ("__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION"):
        assert form[name] == hidden[name], name


def test_the_events_calendar_postbacks_are_not_the_pager() -> None:
    # The sidebar calendar's day links (text "2", "3", ...) come before the pager in the page.
    html = saved_page(SITE, PAGE_1).html
    assert html.index(f"__doPostBack('{CALENDAR}'") < html.index(f"__doPostBack('{PAGER}'")
    [nxt] = next_pages(listing_page(SITE, PAGE_1, LISTING))
    assert posted_form(nxt)["__EVENTTARGET"] != CALENDAR


def test_second_page_links_two_articles_and_has_no_page_three() -> None:
    _, (_, requests) = walk(SITE, LISTING, PAGE_1, PAGE_2)
    assert article_urls(requests) == [
        ARTICLE.format(16028, "Nang-cao-gia-tri-nhan-hieu-chung-nhan-Dau-Ha-Chau-Phong-Dien"),
        ARTICLE.format(16015, "Ho-tro-doanh-nghiep-doi-moi-cong-nghe-nam-2020"),
    ]
    assert next_pages(requests) == []  # the pager of page 2 offers only page 1


def test_listing_never_leaves_the_site_or_follows_sidebars() -> None:
    (_, first), (_, second) = walk(SITE, LISTING, PAGE_1, PAGE_2)
    requests = first + second
    assert all(r.url.startswith("http://canthostnews.vn/") for r in requests)
    for ndid in SIDEBAR_IDS:
        assert not any(f"NDID={ndid}&" in r.url for r in requests), ndid


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-tuoi-tiet-kiem-nuoc-han-man.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
