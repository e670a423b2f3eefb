"""Old Hải Phòng city portal, Sở KH&CN subsite (ASP.NET WebForms): listing pages and the
``__doPostBack`` pager. Article fields are checked from expected.toml by test_articles.py.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from parsel import Selector
from scrapy import Request

from tests.conftest import portal_spider, saved_page, saved_response

SITE = "haiphong_portal"
LISTING = "http://www.haiphong.gov.vn/Portal/Default.aspx?Organization=SKHCN&MenuID=5210"
DETAIL = "http://www.haiphong.gov.vn/Portal/Detail.aspx?Organization=SKHCN&MenuID=5210&ContentID="
PAGE_2_TARGET = "ctl00$ContentPlaceHolder1$ctl00$rptPager$ctl02$lnkPage"
HIDDEN = ("__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION")


def listing_requests(name: str, spider=None, **cb_kwargs) -> list[Request]:
    spider = spider or portal_spider(SITE)
    cb_kwargs = cb_kwargs or {"first_page": LISTING, "number": 1}
    return list(spider.parse_listing(saved_response(SITE, name), **cb_kwargs))


def articles(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def listings(requests: list[Request]) -> list[Request]:
    return [r for r in requests if r.callback.__name__ == "parse_listing"]


def posted_fields(request: Request) -> dict[str, str]:
    fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    return {name: values[-1] for name, values in fields.items()}


def test_first_listing_page_links_its_three_articles() -> None:
    requests = listing_requests("listing-p1.html")
    assert articles(requests) == [DETAIL + "128414", DETAIL + "128237", DETAIL + "127986"]


def test_page_two_is_the_form_posted_back_by_the_pager_link() -> None:
    nxt = listings(listing_requests("listing-p1.html"))
    assert len(nxt) == 1
    request = nxt[0]
    assert request.method == "POST"
    assert request.url == LISTING  # the form's action, ./Default.aspx?Organization=...
    assert request.headers[b"Content-Type"] == b"application/x-www-form-urlencoded"
    fields = posted_fields(request)
    assert fields["__EVENTTARGET"] == PAGE_2_TARGET
    assert fields["__EVENTARGUMENT"] == ""
    page = Selector(text=saved_page(SITE, "listing-p1.html").html)
    for name in HIDDEN:
        value = page.css(f"input[name={name}]::attr(value)").get()
        assert value and fields[name] == value, name
    # only the form's hidden inputs: not the search box, not the link dropdown
    assert "ctl00$ucHeader$txtKeyword" not in fields
    assert "ctl00$ucLeft$ddlWeblink" not in fields


def test_listing_never_leaves_the_subsite_or_follows_sidebars() -> None:
    requests = listing_requests("listing-p1.html")
    assert all(r.url.startswith("http://www.haiphong.gov.vn/Portal/") for r in requests)
    for sidebar_only in ("128302", "128119", "128390", "128366"):  # 'Tin mới', other orgs
        assert not any(r.url.endswith(sidebar_only) for r in requests), sidebar_only
    assert not any("Organization=UBND" in r.url or "Organization=SXD" in r.url for r in requests)


def test_second_page_links_two_articles_and_its_pager_offers_no_third() -> None:
    spider = portal_spider(SITE)
    first = listing_requests("listing-p1.html", spider)
    nxt = listings(first)[0]
    second = listing_requests("listing-p2-postback.html", spider, **nxt.cb_kwargs)
    assert articles(second) == [DETAIL + "119620", DETAIL + "112845"]
    assert listings(second) == []  # page 2 is the last: its pager has no link "3"


def test_the_postback_answer_is_served_for_the_page_two_target() -> None:
    page = saved_page(SITE, "listing-p2-postback.html")
    assert page.url == LISTING
    assert 'class="aspNetDisabled PageActive">2</a>' in page.html


def test_a_listing_without_article_links_trips_the_wire() -> None:
    spider = portal_spider(SITE)
    response = saved_response(SITE, "article-nghiem-thu-iot-ho-dieu-hoa.html")
    assert list(spider.parse_listing(response, first_page=LISTING, number=1)) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["khcn/failed/tripwire-listing-links"] == 1
