"""Listing pages: which article URLs a category page links to, and the URL of page N."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

from portals.parsing.urls import absolute, canonical_url
from portals.registry import Site


@dataclass(frozen=True)
class Listing:
    """Canonical article URLs of the site found in the listing region, in page order, once each."""

    article_urls: list[str]


def parse_listing(html: str, url: str, site: Site) -> Listing:
    """Article links in the site's listing region; off-site and non-article links dropped."""
    page = Selector(text=html, base_url=url)
    css = site.selectors.listing_links or "a"
    found: dict[str, None] = {}
    for href in page.css(css).xpath("@href").getall():
        link = absolute(url, href)
        if link and site.owns(link):
            link = canonical_url(link, site.homepage)
            if site.is_article_url(link):
                found[link] = None
    return Listing(article_urls=list(found))


def listing_page_url(first_page_url: str, number: int, site: Site) -> str:
    """URL of listing page `number` (1-based) for a `?page=N` pager; page 1 is the URL itself."""
    if number == 1:
        return first_page_url
    parts = urlsplit(first_page_url)
    param = site.pagination.param
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
    query.append((param, str(number)))
    return urlunsplit(parts._replace(query=urlencode(query)))
