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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from courlan import clean_url
from lxml.etree import _Element
from lxml.html import HTMLParser
from parsel import Selector, SelectorList
from parsel.selector import create_root_node
from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject
from trafilatura.utils import safe_relative_url

from portals.parsing.dates import InvalidDate, parse_date
from portals.parsing.discovery import MAX_ANCHORS, ArticleList, find_article_list, link_items
from portals.parsing.select import select
from portals.parsing.text import squash
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import platform_of, selectors_for
from portals.registry import Site

MAX_SITEMAP_URLS = 50_000  # the sitemaps protocol's own limit per file
_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


@dataclass(frozen=True)
class Listing:
    """Canonical article URLs of the site found in the listing region (or feed, or sitemap), in
    page order, once each, with the publication date the listing shows next to a link, where
    it shows one."""

    article_urls: list[str]
    dates: dict[str, datetime] = field(default_factory=dict)
    method: str = "selector"
    sitemaps: list[str] = field(default_factory=list)
    # What was wrong with the page, for the run's failure record: (kind, detail).
    trouble: tuple[str, str] | None = None


def parse_listing(text: str, url: str, site: Site) -> Listing:
    """Article links in the site's listing region (or a feed's items, or a sitemap's
    locations); off-site and non-article links dropped, each article once under its
    canonical URL."""
    kind = xml_kind(text)
    if kind == "feed":
        return _feed(text, site)
    if kind == "sitemap":
        return _sitemap(text, url, site)
    if site.unregistered or not site.article_url_pattern:  # no definition to go by
        return discover_listing(text, url, site)
    html = platform_of(site).listing_markup(text)
    declared = selectors_for(site).listing_links
    links, total = _page_links(html, url, declared or "a", site)
    listing = _listing(site, _resolved(url, links), "selector" if declared else "pattern")
    return replace(listing, trouble=_oversized(total)) if total > MAX_ANCHORS else listing


def discover_listing(text: str, url: str, site: Site) -> Listing:
    """The generic path: the page's article list found without selectors, among the links the
    site's URL pattern accepts, else among all its links."""
    html = platform_of(site).listing_markup(text)
    root = create_root_node(html, HTMLParser, base_url=url)
    found, method = site_article_list(root, url, site)
    trouble = _oversized(None) if found.cut else None
    if not found.links:
        return Listing(article_urls=[], method="inferred", trouble=trouble)
    listing = _listing(site, [(link.url, link.context) for link in found.links], method)
    return replace(listing, trouble=trouble)


def site_article_list(root: _Element, url: str, site: Site) -> tuple[ArticleList, str]:
    """The page's article list among the links the site's URL pattern accepts ("pattern"),
    else among all the site's links ("inferred"); ``cut`` when either met too many links."""

    def canonical(link: str) -> str:
        return canonical_url(link, site.homepage)

    def is_article(link: str) -> bool:
        return site.is_article_url(canonical(link))

    narrowed = find_article_list(root, url, site.owns, is_article, canonical)
    if narrowed.links:
        return narrowed, "pattern"
    found = find_article_list(root, url, site.owns, key=canonical)
    return replace(found, cut=found.cut or narrowed.cut), "inferred"


def _oversized(total: int | None) -> tuple[str, str]:
    count = f"{total} links" if total else f"more than {MAX_ANCHORS} links"
    return ("listing-oversized", f"{count} on one listing page; the first {MAX_ANCHORS} read")


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


def _page_links(html: str, url: str, css: str, site: Site) -> tuple[list[tuple[str, str]], int]:
    """(href, text of the link's listing item) for the first MAX_ANCHORS links the listing
    selector picks, and how many it picks. The item is the largest ancestor of the link that
    links to no other article (and is short)."""
    root = create_root_node(html, HTMLParser, base_url=url)
    anchors = [a for a in select(root, css) if a.get("href")]
    picked = [(a, canonical_url(absolute(url, a.get("href")) or "", site.homepage))
              for a in anchors[:MAX_ANCHORS]]  # fmt: skip
    links = [(anchor.get("href"), squash(item.text_content()))
             for anchor, _, item in link_items(picked)]  # fmt: skip
    return links, len(anchors)


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


def _feed(text: str, site: Site) -> Listing:
    """A feed's items; a feed that cannot be read, or whose items link nowhere, is said."""
    try:
        feed = Selector(text=text, type="xml")
    except ValueError as exc:  # not XML after all
        return Listing([], method="feed", trouble=("feed-unreadable", f"not XML: {exc}"[:200]))
    feed.remove_namespaces()
    items = feed.xpath("//item | //entry")
    links = _feed_links(items)
    listing = _listing(site, links, "feed")
    if items and not links:
        trouble = ("feed-unreadable", f"{len(items)} items, none with a link")
        return replace(listing, trouble=trouble)
    return listing


def _feed_links(items: SelectorList) -> list[tuple[str, str]]:
    """RSS ``<item><link>`` and Atom ``<entry><link href>``, with the item's date."""
    links = []
    for item in items:
        link = (item.xpath("link/text() | link/@href").get() or "").strip()
        date = item.xpath("pubDate/text() | published/text() | updated/text()").get() or ""
        if link and link.startswith(("http://", "https://", "/")):
            links.append((link, _rfc822_to_iso(date)))
    return links


def _sitemap(text: str, url: str, site: Site) -> Listing:
    """A sitemap's article URLs, and the sitemaps a sitemap index points at (trafilatura's
    sitemap reader: plausibility check, a cap on links); a sitemap index that lists itself,
    or one nothing can be read from, is said."""
    reader = _SitemapReader(site.homepage, urlsplit(url).hostname or "", [], external=True)
    reader.current_url, reader.content = url, text
    reader.process()
    links = [(link, "") for link in reader.urls[:MAX_SITEMAP_URLS]]
    listing = _listing(site, links, "sitemap")
    here = canonical_url(url)
    nested = [s for s in dict.fromkeys(reader.sitemap_urls) if canonical_url(s) != here]
    nested = [s for s in nested if site.owns(s)]
    trouble = None
    # trafilatura drops a link to the sitemap itself silently: look for it in the <loc>s
    if any(canonical_url(loc) == here for loc in _LOC.findall(text)):
        trouble = ("sitemap-loop", "the sitemap index lists itself")
    elif not reader.urls and not reader.sitemap_urls:
        trouble = ("sitemap-unreadable", "no <loc> read from it")
    return Listing(listing.article_urls, listing.dates, "sitemap", nested, trouble)


class _SitemapReader(SitemapObject):
    """trafilatura's sitemap reader without its domain check: it takes dost.quangnam.gov.vn
    for another domain than quangnam.gov.vn, and courlan finds no domain at all in an IP
    address (a portal served from http://203.162.0.10:8080/ would list nothing). The site's
    hosts decide instead (_listing, site.owns)."""

    def handle_link(self, link: str) -> None:
        if link == self.current_url:
            return
        link = clean_url(safe_relative_url(self.base_url, link)) or ""
        if link:
            (self.sitemap_urls if DETECT_SITEMAP_LINK.search(link) else self.urls).append(link)


def _rfc822_to_iso(value: str) -> str:
    """RSS dates are RFC 822 ("Mon, 18 Jan 2021 08:35:00 +0700"); Atom's are ISO already."""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
