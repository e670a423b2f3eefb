"""Every registered site's listing pages, as its ``tests/fixtures/<slug>/listing.toml`` says
(docs/adding-a-portal.md §4): the spider's callbacks on the saved pages at their original URLs,
no engine, no network. Each page yields its article requests in order, then its next-page
request (URL, method, a POST's body) or none; a page that brings nothing new ends the listing;
no request leaves the list for a sidebar or another section; an article page read as a listing
trips the wire; the definition tells the site's article URLs from its other pages.
What cannot be said as data is in the site's own tests/sites/test_<slug>.py."""

from __future__ import annotations

import pytest

from portals.registry import all_sites, get_site
from tests.conftest import FIXTURES, portal_spider
from tests.listing_walk import (
    check_article_urls,
    check_confinement,
    check_tripwire,
    check_walk,
    read_listings,
    start_request,
)

SITES = sorted(all_sites())
TRIPWIRES = [
    (slug, tripwire["file"])
    for slug in SITES
    if (FIXTURES / slug / "listing.toml").is_file()
    for tripwire in read_listings(FIXTURES / slug).tripwires
]


@pytest.mark.parametrize("slug", SITES)
def test_the_crawl_starts_at_the_listing_url(slug: str) -> None:
    listings = read_listings(FIXTURES / slug)
    start = start_request(portal_spider(slug))
    assert (start.method, start.url) == ("GET", listings.data["listing_url"])


@pytest.mark.parametrize("slug", SITES)
def test_each_page_yields_its_articles_then_its_next_page(slug: str) -> None:
    check_walk(portal_spider(slug), read_listings(FIXTURES / slug))


@pytest.mark.parametrize("slug", SITES)
def test_no_request_leaves_the_list(slug: str) -> None:
    listings = read_listings(FIXTURES / slug)
    steps = check_walk(portal_spider(slug), listings)
    assert check_confinement(steps, listings) > 0


@pytest.mark.parametrize(("slug", "file"), TRIPWIRES)
def test_a_page_without_list_links_trips_the_wire(slug: str, file: str) -> None:
    listings = read_listings(FIXTURES / slug)
    (tripwire,) = [t for t in listings.tripwires if t["file"] == file]
    check_tripwire(get_site(slug), listings, tripwire)


@pytest.mark.parametrize("slug", SITES)
def test_the_definition_tells_article_urls_from_other_pages(slug: str) -> None:
    check_article_urls(get_site(slug), read_listings(FIXTURES / slug))
