"""Listing sources a page points at besides itself: the RSS/Atom feeds it declares
(``<link rel="alternate">``, else feed-looking links), the feed paths of its CMS family
(NukeViet ``/news/rss/<cat>/``, WordPress ``/feed/``), and the sitemaps robots.txt names
(else ``/sitemap.xml``). Found with trafilatura's feeds and sitemaps readers; pure functions
of the text. The spider asks for them where the definition cannot be trusted (a portal with
no definition, or one that drifted): a feed or sitemap is the cheapest complete listing."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from trafilatura.feeds import FeedParameters, determine_feed
from trafilatura.sitemaps import extract_robots_sitemaps

from portals.platforms import Platform

MAX_FEEDS = 3  # feeds followed from one page: a category's, the site's, one more


def declared_feeds(html: str, url: str, owns: Callable[[str], bool]) -> list[str]:
    """The portal's own feeds a page declares, the category's first."""
    parts = urlsplit(url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", url)
    try:
        found = determine_feed(html, params)
    except (ValueError, TypeError):  # a page lxml cannot read declares nothing
        return []
    return [feed for feed in found if owns(feed)][:MAX_FEEDS]


def guessed_feeds(html: str, url: str, platform: Platform) -> list[str]:
    """Feed paths the page's software is known to serve: its family's (the adapter's
    ``feeds``), WordPress's ``/feed/`` where the page shows WordPress."""
    guesses = platform.feeds(url) if platform.feeds else []
    lowered = html.lower()
    if "/wp-content/" in lowered or "/wp-includes/" in lowered:
        guesses.append(urljoin(url.rstrip("/") + "/", "feed/"))
    return guesses


def robots_sitemaps(robots_txt: str, url: str) -> list[str]:
    """The sitemaps robots.txt names (absolute); none named: the conventional /sitemap.xml."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    named = extract_robots_sitemaps(robots_txt, origin)
    return named or [f"{origin}/sitemap.xml"]
