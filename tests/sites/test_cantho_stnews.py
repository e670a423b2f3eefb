"""canthostnews.vn (Cần Thơ STNews, DNN Platform): what its listing.toml cannot say. The listing
pages themselves, the pager's postback included, are checked by tests/sites/test_listings.py
from tests/fixtures/cantho_stnews/listing.toml."""

from __future__ import annotations

from tests.conftest import saved_page
from tests.listing_walk import listing_page, next_pages, posted_form

SITE = "cantho_stnews"
LISTING = "http://canthostnews.vn/?tabid=234"
PAGE_1 = "listing-tin-khcn-can-tho-p1.html"
PAGER = "dnn$ctr456$NewsList$pager"
CALENDAR = "dnn$ctr470$EventCalendar$calEvents"


def test_the_events_calendar_postbacks_are_not_the_pager() -> None:
    # The sidebar calendar's day links (text "2", "3", ...) come before the pager in the page.
    html = saved_page(SITE, PAGE_1).html
    assert html.index(f"__doPostBack('{CALENDAR}'") < html.index(f"__doPostBack('{PAGER}'")
    [nxt] = next_pages(listing_page(SITE, PAGE_1, LISTING))
    assert posted_form(nxt)["__EVENTTARGET"] != CALENDAR
