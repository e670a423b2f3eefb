"""Listing pages: which article URLs a category page, an HTML fragment or an RSS feed links to."""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector

from portals.parsing.pagination import listing_markup
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import selectors_for
from portals.registry import Site


@dataclass(frozen=True)
class Listing:
    """Canonical article URLs of the site found in the listing region, in page order, once each."""

    article_urls: list[str]


def parse_listing(text: str, url: str, site: Site) -> Listing:
    """Article links in the site's listing region (or a feed's items); off-site and non-article
    links dropped, each article once under its canonical URL."""
    hrefs = _feed_links(text) if _is_feed(text) else _page_links(listing_markup(text), url, site)
    found: dict[str, None] = {}
    for href in hrefs:
        link = absolute(url, href)
        if link and site.owns(link):
            link = canonical_url(link, site.homepage)
            if site.is_article_url(link):
                found[link] = None
    return Listing(article_urls=list(found))


def _page_links(html: str, url: str, site: Site) -> list[str]:
    page = Selector(text=html, base_url=url)
    return page.css(selectors_for(site).listing_links or "a").xpath("@href").getall()


def _is_feed(text: str) -> bool:
    head = text.lstrip()[:300].lower()
    return head.startswith(("<?xml", "<rss", "<feed")) and ("<rss" in head or "<feed" in head)


def _feed_links(text: str) -> list[str]:
    """RSS ``<item><link>`` and Atom ``<entry><link href>``."""
    feed = Selector(text=text, type="xml")
    feed.remove_namespaces()
    return [
        link.strip()
        for link in feed.xpath("//item/link/text() | //entry/link/@href").getall()
        if link.strip()
    ]
