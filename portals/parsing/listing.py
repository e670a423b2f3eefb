"""Listing pages: which article URLs a category page, an HTML fragment or an RSS feed links to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

from parsel import Selector

from portals.parsing.dates import InvalidDate, parse_date
from portals.parsing.pagination import listing_markup
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import selectors_for
from portals.registry import Site

LISTING_ITEM_CHARS = 800  # an item (title, date, teaser) is short; a whole column is not


@dataclass(frozen=True)
class Listing:
    """Canonical article URLs of the site found in the listing region, in page order, once
    each, with the publication date the listing shows next to a link, where it shows one."""

    article_urls: list[str]
    dates: dict[str, datetime] = field(default_factory=dict)


def parse_listing(text: str, url: str, site: Site) -> Listing:
    """Article links in the site's listing region (or a feed's items); off-site and non-article
    links dropped, each article once under its canonical URL."""
    links = _feed_links(text) if _is_feed(text) else _page_links(listing_markup(text), url, site)
    found: dict[str, None] = {}
    dates: dict[str, datetime] = {}
    for href, context in links:
        link = absolute(url, href)
        if link and site.owns(link):
            link = canonical_url(link, site.homepage)
            if site.is_article_url(link):
                found[link] = None
                shown = _date_in(context, site)
                if shown is not None and link not in dates:
                    dates[link] = shown
    return Listing(article_urls=list(found), dates=dates)


def _page_links(html: str, url: str, site: Site) -> list[tuple[str, str]]:
    """(href, text of the link's listing item) for every link the listing selector picks. The
    item is the largest ancestor of the link that links to no other article."""
    page = Selector(text=html, base_url=url)
    anchors = page.css(selectors_for(site).listing_links or "a")
    targets = {a.root: a.xpath("@href").get() or "" for a in anchors}
    links = []
    for anchor in anchors:
        href = targets[anchor.root]
        item = anchor.root
        for ancestor in anchor.root.iterancestors():
            others = {targets[a] for a in ancestor.iter("a") if a in targets} - {href}
            if others or len(ancestor.text_content()) > LISTING_ITEM_CHARS:
                break
            item = ancestor
        links.append((href, item.text_content()))
    return links


def _date_in(context: str, site: Site) -> datetime | None:
    try:
        return parse_date(context, site.date_order)
    except InvalidDate:
        return None


def _is_feed(text: str) -> bool:
    head = text.lstrip()[:300].lower()
    return head.startswith(("<?xml", "<rss", "<feed")) and ("<rss" in head or "<feed" in head)


def _feed_links(text: str) -> list[tuple[str, str]]:
    """RSS ``<item><link>`` and Atom ``<entry><link href>``, with the item's date."""
    feed = Selector(text=text, type="xml")
    feed.remove_namespaces()
    links = []
    for item in feed.xpath("//item | //entry"):
        link = (item.xpath("link/text() | link/@href").get() or "").strip()
        date = item.xpath("pubDate/text() | published/text() | updated/text()").get() or ""
        if link:
            links.append((link, _rfc822_to_iso(date)))
    return links


def _rfc822_to_iso(value: str) -> str:
    """RSS dates are RFC 822 ("Mon, 18 Jan 2021 08:35:00 +0700"); Atom's are ISO already."""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
