"""The portal spider: listing pages -> article pages for one site definition."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from portals.items import Article
from portals.parsing.article import ArticleParseError, parse_article
from portals.parsing.listing import listing_page_url, parse_listing
from portals.registry import Site, get_site

FAILED = "khcn/failed"  # stats prefix: khcn/failed/<kind> -> count


class PortalSpider(scrapy.Spider):
    """Crawl one site: every listing URL, page after page until a page brings no new article."""

    name = "portal"

    def __init__(self, site: str | Site, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.site = site if isinstance(site, Site) else get_site(site)
        self.seen_articles: set[str] = set()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.listing_urls:
            yield self._listing_request(url, 1)

    def _listing_request(self, first_page: str, number: int) -> scrapy.Request:
        return scrapy.Request(
            listing_page_url(first_page, number, self.site),
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={"first_page": first_page, "number": number},
            meta={"page_kind": "listing"},
        )

    def parse_listing(
        self, response: Response, first_page: str, number: int
    ) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self.fail("listing-not-html", response.url)
            return
        urls = parse_listing(response.text, response.url, self.site).article_urls
        self.crawler.stats.inc_value("khcn/listing_pages")
        if len(urls) < self.site.min_links_per_listing and number == 1:
            self.fail(
                "tripwire-listing-links",
                response.url,
                f"{len(urls)} article links, expected at least {self.site.min_links_per_listing}",
            )
        new = [url for url in urls if url not in self.seen_articles]
        self.seen_articles.update(new)
        for url in new:
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.on_error,
                meta={"page_kind": "article"},
            )
        pagination = self.site.pagination
        if new and pagination.kind == "query" and number < pagination.max_pages:
            yield self._listing_request(first_page, number + 1)

    def parse_article(self, response: Response) -> Iterator[Article]:
        if not isinstance(response, TextResponse):
            self.fail("article-not-html", response.url, article=True)
            return
        try:
            yield parse_article(response.text, response.url, self.site)
        except ArticleParseError as exc:
            self.fail(f"tripwire-{exc.reason}", response.url, article=True)

    def on_error(self, failure: Failure) -> None:
        request = failure.request
        if failure.check(HttpError):
            kind = f"http-{failure.value.response.status}"
        else:
            kind = type(failure.value).__name__
        is_article = request.meta.get("page_kind") == "article"
        self.fail(kind, request.url, str(failure.value), article=is_article)

    def fail(self, kind: str, url: str, detail: str = "", article: bool = False) -> None:
        """Log and count one failure; never raise (a broken page must not stop the crawl)."""
        self.logger.warning("%s %s: %s %s", self.site.slug, kind, url, detail)
        self.crawler.stats.inc_value(f"{FAILED}/{kind}")
        if article:
            self.crawler.stats.inc_value("khcn/articles_failed")
