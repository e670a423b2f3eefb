"""The portal spider: listing pages -> article pages for one site definition."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import datetime
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from portals.items import Article, GoneUrl
from portals.parsing.article import ArticleParseError, parse_article
from portals.parsing.listing import parse_listing
from portals.parsing.pagination import ListingPage, PageRequest, next_page
from portals.parsing.urls import canonical_url
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
            yield self._listing_request(PageRequest(url), first_page=url, number=1)

    def _listing_request(self, page: PageRequest, first_page: str, number: int) -> scrapy.Request:
        return scrapy.Request(
            page.url,
            method=page.method,
            body=page.body,
            headers=dict(page.headers),
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={"first_page": first_page, "number": number, "pager_state": page.state},
            meta={"page_kind": "listing"},
        )

    def parse_listing(
        self,
        response: Response,
        first_page: str,
        number: int,
        pager_state: Mapping[str, Any] | None = None,
    ) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self.fail("listing-not-text", response.url)
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
        if not new:  # out-of-range pages often repeat the last one: stop at no new article
            return
        page = ListingPage(response.text, response.url, first_page, number, pager_state or {})
        following = next_page(self.site, page)
        if following is not None:
            yield self._listing_request(following, first_page, number + 1)

    def parse_article(self, response: Response) -> Iterator[Article | GoneUrl]:
        requested = (response.meta.get("redirect_urls") or [response.url])[0]
        landed = canonical_url(
            response.url, self.site.homepage if self.site.owns(response.url) else None
        )
        if landed != requested and not self.site.is_article_url(landed):
            # A retired portal sending its articles to a merged portal's home page: the
            # article is gone from this URL; that is recorded, never stored as an article.
            self.logger.info("%s gone: %s -> %s", self.site.slug, requested, response.url)
            self.crawler.stats.inc_value("khcn/urls_gone")
            yield GoneUrl(
                url=requested, site=self.site.slug, reason="redirect", target=response.url
            )
            return
        if not isinstance(response, TextResponse):
            self.fail("article-not-html", response.url, article=True)
            return
        try:
            article = parse_article(response.text, response.url, self.site)
        except ArticleParseError as exc:
            self.fail(f"tripwire-{exc.reason}", response.url, article=True)
            return
        capture = response.meta.get("capture")
        if capture is not None:
            article.fetched_at = datetime.fromisoformat(capture.fetched_at)
            article.warc_file, article.warc_offset = capture.file, capture.offset
            article.warc_record_id = capture.record_id
        yield article

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
