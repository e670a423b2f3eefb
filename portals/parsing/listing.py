"""Listing pages: which article URLs a category page, an HTML fragment, an RSS/Atom feed or a
sitemap links to, and how they were found (``Listing.method``):

- ``selector``: the site definition's listing selector (``pattern`` when it declares none and
  its article URL pattern alone picks the links);
- ``pattern`` / ``inferred``: the generic path (portals/parsing/discovery.py) when the
  definition no longer matches: the article list found from the page, among the links the URL
  pattern accepts, or among every link of the site when the pattern matches none;
- ``feed``, ``sitemap``: the items of a feed, the ``<loc>`` of a sitemap (``sitemaps`` lists
  the sitemaps a sitemap index points at)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from lxml.html import HTMLParser
from parsel import Selector
from parsel.selector import create_root_node
from trafilatura.sitemaps import SitemapObject

from portals.parsing.dates import InvalidDate, parse_date
from portals.parsing.discovery import ITEM_CHARS, article_links
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import platform_of, selectors_for
from portals.registry import Site

MAX_SITEMAP_URLS = 50_000  # the sitemaps protocol's own limit per file


@dataclass(frozen=True)
class Listing:
    """Canonical article URLs of the site found in the listing region (or feed, or sitemap), in
    page order, once each, with the publication date the listing shows next to a link, where
    it shows one."""

    article_urls: list[str]
    dates: dict[str, datetime] = field(default_factory=dict)
    method: str = "selector"
    sitemaps: list[str] = field(default_factory=list)


def parse_listing(text: str, url: str, site: Site) -> Listing:
    """Article links in the site's listing region (or a feed's items, or a sitemap's
    locations); off-site and non-article links dropped, each article once under its
    canonical URL."""
    kind = xml_kind(text)
    if kind == "feed":
        return _listing(site, _feed_links(text), "feed")
    if kind == "sitemap":
        return _sitemap(text, url, site)
    if site.unregistered or not site.article_url_pattern:  # no definition to go by
        return discover_listing(text, url, site)
    html = platform_of(site).listing_markup(text)
    declared = selectors_for(site).listing_links
    links = _page_links(html, url, declared or "a")
    return _listing(site, _resolved(url, links), "selector" if declared else "pattern")


def discover_listing(text: str, url: str, site: Site) -> Listing:
    """The generic path: the page's article list found without selectors, among the links the
    site's URL pattern accepts, else among all its links."""
    html = platform_of(site).listing_markup(text)
    root = create_root_node(html, HTMLParser, base_url=url)

    def canonical(link: str) -> str:
        return canonical_url(link, site.homepage)

    def is_article(link: str) -> bool:
        return site.is_article_url(canonical(link))

    for accept, method in ((is_article, "pattern"), (lambda _: True, "inferred")):
        found = article_links(root, url, site.owns, accept, canonical)
        if found:
            return _listing(site, [(link.url, link.context) for link in found], method)
    return Listing(article_urls=[], method="inferred")


def _listing(site: Site, links: Iterable[tuple[str, str]], method: str) -> Listing:
    found: dict[str, None] = {}
    dates: dict[str, datetime] = {}
    for link, context in links:
        if link and site.owns(link):
            link = canonical_url(link, site.homepage)
            if site.is_article_url(link):
                found[link] = None
                shown = _date_in(context, site)
                if shown is not None and link not in dates:
                    dates[link] = shown
    return Listing(article_urls=list(found), dates=dates, method=method)


def _resolved(url: str, links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(absolute(url, href) or "", context) for href, context in links]


def _page_links(html: str, url: str, css: str) -> list[tuple[str, str]]:
    """(href, text of the link's listing item) for every link the listing selector picks. The
    item is the largest ancestor of the link that links to no other article."""
    page = Selector(text=html, base_url=url)
    anchors = page.css(css)
    targets = {a.root: a.xpath("@href").get() or "" for a in anchors}
    links = []
    for anchor in anchors:
        href = targets[anchor.root]
        item = anchor.root
        for ancestor in anchor.root.iterancestors():
            others = {targets[a] for a in ancestor.iter("a") if a in targets} - {href}
            if others or len(ancestor.text_content()) > ITEM_CHARS:
                break
            item = ancestor
        links.append((href, item.text_content()))
    return links


def _date_in(context: str, site: Site) -> datetime | None:
    try:
        return parse_date(context, site.date_order)
    except InvalidDate:
        return None


def xml_kind(text: str) -> str | None:
    """ "feed" (RSS, Atom), "sitemap" (urlset, sitemap index) or None (a page)."""
    head = text.lstrip()[:600].lower()
    if not head.startswith(("<?xml", "<rss", "<feed", "<urlset", "<sitemapindex")):
        return None
    if "<rss" in head or "<feed" in head:
        return "feed"
    if "<urlset" in head or "<sitemapindex" in head:
        return "sitemap"
    return None


def _feed_links(text: str) -> list[tuple[str, str]]:
    """RSS ``<item><link>`` and Atom ``<entry><link href>``, with the item's date."""
    try:
        feed = Selector(text=text, type="xml")
    except ValueError:  # not XML after all: a feed of garbage has no items
        return []
    feed.remove_namespaces()
    links = []
    for item in feed.xpath("//item | //entry"):
        link = (item.xpath("link/text() | link/@href").get() or "").strip()
        date = item.xpath("pubDate/text() | published/text() | updated/text()").get() or ""
        if link:
            links.append((link, _rfc822_to_iso(date)))
    return links


def _sitemap(text: str, url: str, site: Site) -> Listing:
    """A sitemap's article URLs, and the sitemaps a sitemap index points at (trafilatura's
    sitemap reader: plausibility check, same-domain filter, a cap on links)."""
    reader = SitemapObject(site.homepage, urlsplit(url).hostname or "", [])
    reader.current_url, reader.content = url, text
    reader.process()
    links = [(link, "") for link in reader.urls[:MAX_SITEMAP_URLS]]
    listing = _listing(site, links, "sitemap")
    nested = [s for s in dict.fromkeys(reader.sitemap_urls) if s != url and site.owns(s)]
    return Listing(listing.article_urls, listing.dates, "sitemap", nested)


def _rfc822_to_iso(value: str) -> str:
    """RSS dates are RFC 822 ("Mon, 18 Jan 2021 08:35:00 +0700"); Atom's are ISO already."""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
