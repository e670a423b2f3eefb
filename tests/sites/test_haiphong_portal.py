"""Old Hải Phòng city portal, Sở KH&CN subsite (ASP.NET WebForms): listing pages and the
``__doPostBack`` pager. Article fields are checked from expected.toml by test_articles.py.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
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

SITE = "haiphong_portal"
PAGE_1_FILE = "listing-p1.html"
LISTING = "http://www.haiphong.gov.vn/Portal/Default.aspx?Organization=SKHCN&MenuID=5210"
DETAIL = "http://www.haiphong.gov.vn/Portal/Detail.aspx?Organization=SKHCN&MenuID=5210&ContentID="
PAGE_2_TARGET = "ctl00$ContentPlaceHolder1$ctl00$rptPager$ctl02$lnkPage"
HIDDEN = ("__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION")


def test_first_listing_page_links_its_three_articles() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert article_urls(requests) == [DETAIL + "128414", DETAIL + "128237", DETAIL + "127986"]


def test_page_two_is_the_form_posted_back_by_the_pager_link() -> None:
    nxt = next_pages(listing_page(SITE, PAGE_1_FILE, LISTING))
    assert len(nxt) == 1
    request = nxt[0]
    assert request.method == "POST"
    assert request.url == LISTING  # the form's action, ./Default.aspx?Organization=...
    assert request.headers[b"Content-Type"] == b"application/x-www-form-urlencoded"
    fields = posted_form(request)
    assert fields["__EVENTTARGET"] == PAGE_2_TARGET
    assert fields["__EVENTARGUMENT"] == ""
    page = Selector(text=saved_page(SITE, PAGE_1_FILE).html)
    for name in HIDDEN:
        value = page.css(f"input[name={name}]::attr(value)").get()
        assert value and fields[name] == value, name
    # only the form's hidden inputs: not the search box, not the link dropdown
    assert "ctl00$ucHeader$txtKeyword" not in fields
    assert "ctl00$ucLeft$ddlWeblink" not in fields


def test_listing_never_leaves_the_subsite_or_follows_sidebars() -> None:
    requests = listing_page(SITE, PAGE_1_FILE, LISTING)
    assert all(r.url.startswith("http://www.haiphong.gov.vn/Portal/") for r in requests)
    for sidebar_only in ("128302", "128119", "128390", "128366"):  # 'Tin mới', other orgs
        assert not any(r.url.endswith(sidebar_only) for r in requests), sidebar_only
    assert not any("Organization=UBND" in r.url or "Organization=SXD" in r.url for r in requests)


def test_second_page_links_two_articles_and_its_pager_offers_no_third() -> None:
    _, (_, second) = walk(SITE, LISTING, PAGE_1_FILE, "listing-p2-postback.html")
    assert article_urls(second) == [DETAIL + "119620", DETAIL + "112845"]
    assert next_pages(second) == []  # page 2 is the last: its pager has no link "3"


def test_the_postback_answer_is_served_for_the_page_two_target() -> None:
    page = saved_page(SITE, "listing-p2-postback.html")
    assert page.url == LISTING
    assert 'class="aspNetDisabled PageActive">2</a>' in page.html


def test_a_listing_without_article_links_trips_the_wire() -> None:
    _, tripped = tripwire_listing(SITE, "article-nghiem-thu-iot-ho-dieu-hoa.html", LISTING)
    assert tripped and tripped >= 1  # the tripwire, and/or a definition-drift record
