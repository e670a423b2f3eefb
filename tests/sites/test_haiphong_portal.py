"""Old Hải Phòng city portal, Sở KH&CN subsite (ASP.NET WebForms): what its listing.toml cannot
say. The listing pages and the ``__doPostBack`` pager's request are checked by
tests/sites/test_listings.py from tests/fixtures/haiphong_portal/listing.toml."""

from __future__ import annotations

from tests.conftest import saved_page
from tests.listing_walk import listing_page, next_pages, posted_form

SITE = "haiphong_portal"
LISTING = "http://www.haiphong.gov.vn/Portal/Default.aspx?Organization=SKHCN&MenuID=5210"


def test_the_postback_sends_only_the_forms_hidden_inputs() -> None:
    [request] = next_pages(listing_page(SITE, "listing-p1.html", LISTING))
    fields = posted_form(request)
    # not the search box, not the link dropdown
    assert "ctl00$ucHeader$txtKeyword" not in fields
    assert "ctl00$ucLeft$ddlWeblink" not in fields


def test_the_postback_answer_is_served_for_the_page_two_target() -> None:
    page = saved_page(SITE, "listing-p2-postback.html")
    assert page.url == LISTING
    assert 'class="aspNetDisabled PageActive">2</a>' in page.html
