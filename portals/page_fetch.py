"""The pages `khcn new-site` and `khcn doctor` read: a listing page and a few of its articles,
fetched by the real crawler with its polite settings (robots.txt, delays, user agent), or read
from a saved snapshot folder (``manifest.toml``) with no network at all."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from lxml.html import HTMLParser
from parsel.selector import create_root_node
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse

from portals.drafting import Page
from portals.parsing.discovery import find_article_list
from portals.parsing.urls import canonical_url
from portals.registry import Site


def article_urls_of(site: Site | None, listing: Page, count: int) -> list[str]:
    """The first ``count`` article links of the listing: the definition's, else the page's."""
    if site is not None:
        from portals.parsing.listing import discover_listing, parse_listing

        urls = parse_listing(listing.html, listing.url, site).article_urls
        urls = urls or discover_listing(listing.html, listing.url, site).article_urls
        return urls[:count]
    root = create_root_node(listing.html, HTMLParser, base_url=listing.url)
    host = (urlsplit(listing.url).hostname or "").removeprefix("www.")

    def owns(url: str) -> bool:
        return (urlsplit(url).hostname or "").removeprefix("www.") == host

    found = find_article_list(root, listing.url, owns, key=canonical_url)
    return [link.url for link in found.links][:count]


def snapshot_pages(
    folder: Path, listing_url: str, site: Site | None, count: int
) -> tuple[Page, list[Page]]:
    """The listing page and its first articles from a snapshot folder (no network)."""
    manifest = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    pages = {url: folder / name for url, name in manifest.get("pages", {}).items()}
    if listing_url not in pages:
        raise FileNotFoundError(f"{listing_url} is not in {folder / 'manifest.toml'}")
    listing = Page(listing_url, pages[listing_url].read_text(encoding="utf-8"))
    articles = [
        Page(url, pages[url].read_text(encoding="utf-8"))
        for url in article_urls_of(site, listing, count * 2)
        if url in pages
    ]
    return listing, articles[:count]


class _ProbeSpider(scrapy.Spider):
    name = "khcn-probe"

    def __init__(self, listing_url: str, site: Site | None, count: int, found: dict, **kw: Any):
        super().__init__(**kw)
        self.listing_url, self.site, self.count, self.found = listing_url, site, count, found

    async def start(self) -> Any:
        yield scrapy.Request(self.listing_url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        listing = Page(response.url, response.text)
        self.found["listing"] = listing
        for url in article_urls_of(self.site, listing, self.count):
            yield scrapy.Request(url, callback=self.parse_article)

    def parse_article(self, response: Response) -> None:
        if isinstance(response, TextResponse):
            self.found.setdefault("articles", []).append(Page(response.url, response.text))


def fetch_pages(
    listing_url: str, site: Site | None, count: int, overrides: dict[str, Any] | None = None
) -> tuple[Page, list[Page]]:
    """The listing page and its first ``count`` articles, fetched politely (blocking)."""
    from portals.crawl import crawl_settings

    settings = crawl_settings("unused.db", {"ITEM_PIPELINES": {}, **(overrides or {})})
    settings.set("DOWNLOADER_MIDDLEWARES", {}, priority="cmdline")  # no WARC capture
    settings.set("EXTENSIONS", {}, priority="cmdline")
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    found: dict[str, Any] = {}
    process = CrawlerProcess(settings)
    process.crawl(_ProbeSpider, listing_url=listing_url, site=site, count=count, found=found)
    process.start()
    if "listing" not in found:
        raise ConnectionError(f"could not read {listing_url} (see the log above)")
    order = {url: i for i, url in enumerate(article_urls_of(site, found["listing"], count))}
    articles = sorted(found.get("articles", []), key=lambda p: order.get(p.url, len(order)))
    return found["listing"], articles
