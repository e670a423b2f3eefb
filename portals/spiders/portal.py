"""The portal spider: listing pages -> article pages for one site definition."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from portals import run_signals
from portals.definition_use import DefinitionUse
from portals.items import Article, ArticleImages, GoneUrl, Image, PageSeen
from portals.parse_processes import ArticleParser
from portals.parsing.article import ArticleParseError
from portals.parsing.discovery import url_pattern
from portals.parsing.listing import Listing, discover_listing, parse_listing, xml_kind
from portals.parsing.pagination import ListingPage, PageRequest, next_page
from portals.parsing.sources import declared_feeds, guessed_feeds, robots_sitemaps
from portals.parsing.text import LEGACY_ENCODING
from portals.parsing.urls import canonical_url
from portals.platforms import platform_of, selectors_for
from portals.registry import Site, get_site

# Download failures by exception, as the crawl run names them.
DOWNLOAD_FAILURES = {
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "ResponseDataLossError": "truncated",
    "DownloadCancelledError": "too-large",
    "DownloadConnectionRefusedError": "connection-refused",
    "CannotResolveHostError": "dns",
    "DownloadFailedError": "download-failed",
    "ArchiveDiskFull": "disk-full",  # portals/disk_guard.py: not captured, the crawl stops
    # Scrapy's IgnoreRequest for a body inflating past DOWNLOAD_MAXSIZE (a gzip bomb), by cause
    "_DecompressionMaxSizeExceeded": "too-large",
}
HTML_TYPES = (b"html", b"xml")
DECLARED = "declared"  # a listing URL of the site definition (or of `crawl --url`)
MAX_SITEMAPS = 200  # sitemaps read in one run: an index of indexes must end


class PortalSpider(scrapy.Spider):
    """Crawl one site: every listing URL, page after page until a page brings no new article."""

    name = "portal"

    def __init__(
        self,
        site: str | Site,
        *args: Any,
        known: Collection[str] = frozenset(),
        validators: Mapping[str, tuple[str | None, str | None]] | None = None,
        refresh: bool = False,
        since: date | None = None,
        image_backlog: Mapping[str, list[dict[str, Any]]] | None = None,
        resume: bool = False,
        **kwargs: Any,
    ) -> None:
        """``known``: article URLs already archived (not fetched again unless ``refresh``);
        ``validators``: ETag / Last-Modified by URL, sent as conditional request headers;
        ``since``: articles published before this day are neither fetched nor stored;
        ``image_backlog``: archived articles whose image files are missing, by URL;
        ``resume``: the last run was cut short, so every listing page is walked again."""
        site = site if isinstance(site, Site) else get_site(site)
        # one name per site: distributed crawls key their Redis frontier on it
        super().__init__(*args, name=f"khcn-{site.slug}", **kwargs)
        self.site = site
        self.selectors = selectors_for(site)
        self.seen_articles: set[str] = set()
        self.known = frozenset(known)
        self.validators = dict(validators or {})
        self.refresh = refresh
        self.since = since
        self.image_backlog = dict(image_backlog or {})
        self.resume = resume
        self.parser = ArticleParser(processes=0)  # from_crawler: KHCN_PARSE_PROCESSES
        self.drifted_listings: set[str] = set()  # first pages whose listing selector missed
        self.sources_sought = False  # feeds and sitemaps looked for (once a run)
        self.sitemaps_read = 0
        self.definition = DefinitionUse(self._count, self.fail)

    async def start(self) -> AsyncIterator[scrapy.Request | ArticleImages]:
        for url, images in self.image_backlog.items():
            yield ArticleImages(url, [Image(**image) for image in images])
        for url in self.site.listing_urls:
            yield self._listing_request(PageRequest(url), first_page=url, number=1)

    def _listing_request(
        self,
        page: PageRequest,
        first_page: str,
        number: int,
        source: str = DECLARED,
        found: bool = False,
    ) -> scrapy.Request:
        """A listing page; ``source``: a listing the definition declares, a feed, or a
        sitemap; ``found``: looked for on the way (portals/parsing/sources.py), not declared,
        so that its absence is no failure."""
        headers = dict(page.headers)
        if page.method == "GET" and not self.refresh:  # a refresh walks every listing page
            headers.update(self._conditional_headers(page.url))
        return scrapy.Request(
            page.url,
            method=page.method,
            body=page.body,
            headers=headers,
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={
                "first_page": first_page,
                "number": number,
                "pager_state": page.state,
                "source": source,
            },
            meta={
                "page_kind": "listing",
                "handle_httpstatus_list": [304],
                "found_source": found,
            },
        )

    def _other_sources(self, response: TextResponse) -> Iterator[scrapy.Request]:
        """Once a run: the feeds the page declares or its software serves, and robots.txt for
        the sitemaps, when the definition cannot be trusted (none, or it drifted)."""
        if self.sources_sought:
            return
        self.sources_sought = True
        feeds = declared_feeds(response.text, response.url, self.site.owns)
        feeds += guessed_feeds(response.text, response.url, platform_of(self.site))
        for feed in dict.fromkeys(feeds):
            yield self._listing_request(PageRequest(feed), feed, 1, "feed", found=True)
        parts = urlsplit(response.url)
        yield scrapy.Request(
            f"{parts.scheme}://{parts.netloc}/robots.txt",
            callback=self.parse_robots,
            errback=self.on_error,
            meta={"page_kind": "robots", "found_source": True},
        )

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        text = response.text if isinstance(response, TextResponse) else ""
        for sitemap in robots_sitemaps(text, response.url):
            if self.site.owns(sitemap):
                yield self._listing_request(PageRequest(sitemap), sitemap, 1, "sitemap", True)

    def _article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            headers=self._conditional_headers(url) if self.refresh else {},
            callback=self.parse_article,
            errback=self.on_error,
            meta={"page_kind": "article", "handle_httpstatus_list": [304]},
        )

    def _conditional_headers(self, url: str) -> dict[str, str]:
        etag, last_modified = self.validators.get(url, (None, None))
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _validators_of(self, response: Response) -> Iterator[PageSeen]:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if response.status == 200 and response.request.method == "GET" and (etag or last_modified):
            yield PageSeen(
                url=response.url,
                site=self.site.slug,
                etag=etag.decode("latin-1") if etag else None,
                last_modified=last_modified.decode("latin-1") if last_modified else None,
            )

    def parse_listing(
        self,
        response: Response,
        first_page: str,
        number: int,
        pager_state: Mapping[str, Any] | None = None,
        source: str = DECLARED,
    ) -> Iterator[scrapy.Request | PageSeen]:
        if response.status == 304:  # unchanged since the last crawl: nothing new behind it
            self.crawler.stats.inc_value("khcn/not_modified")
            return
        if not isinstance(response, TextResponse):
            self.fail("listing-not-text", response.url)
            return
        if source != DECLARED and xml_kind(response.text) is None:
            if response.meta.get("found_source"):  # a guessed URL answering a page: none there
                self.crawler.stats.inc_value(f"khcn/sources/{source}/absent")
            else:
                self.fail(f"{source}-unreadable", response.url, "not XML: an HTML page")
            return
        yield from self._validators_of(response)
        declared_first = number == 1 and first_page in self.site.listing_urls
        if self.site.unregistered and declared_first:
            self._learn_family(response)
        listing = self._listing(response, first_page, number)
        urls = listing.article_urls
        self.crawler.stats.inc_value("khcn/listing_pages")
        self.crawler.stats.inc_value("khcn/listing_links", len(urls))
        self.crawler.stats.inc_value(f"khcn/listing_method/{listing.method}")
        if listing.trouble:
            kind, detail = listing.trouble
            self.fail(kind, response.url, detail)
        if len(urls) < self.site.min_links_per_listing and number == 1 and source == DECLARED:
            self.fail(
                "tripwire-listing-links",
                response.url,
                f"{len(urls)} article links, expected at least {self.site.min_links_per_listing}",
            )
        if declared_first and (self.site.unregistered or first_page in self.drifted_listings):
            yield from self._other_sources(response)
        yield from self._sitemaps_of(listing, response)
        new = [url for url in urls if url not in self.seen_articles]
        self.seen_articles.update(new)
        wanted = [url for url in new if self.refresh or url not in self.known]
        wanted = [url for url in wanted if not self._before_since(listing.dates.get(url))]
        for url in wanted:
            yield self._article_request(url)
        # Stop at a page with nothing to fetch: out-of-range pages repeat the last one, an
        # incremental crawl meets only archived articles, a bounded one only older ones. A
        # resumed crawl goes on past archived articles to the pages the dead run never read.
        if not new or (not wanted and not self.resume) or listing.method in ("feed", "sitemap"):
            return
        page = ListingPage(response.text, response.url, first_page, number, pager_state or {})
        following, how = next_page(self.site, page)
        if self.site.unregistered:  # no definition: nothing to serve, nothing drifts
            pass
        elif how == "generic":
            self.definition.fell_back(
                "pager", response.url, "the declared pager found no next page"
            )
        elif following is not None:
            self.definition.served("pager")
        if following is not None:
            yield self._listing_request(following, first_page, number + 1)

    def _sitemaps_of(self, listing: Listing, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap index: each of its sitemaps is a listing (at most MAX_SITEMAPS a run)."""
        found = bool(response.meta.get("found_source"))
        for sitemap in listing.sitemaps:
            if self.sitemaps_read >= MAX_SITEMAPS:
                detail = f"more than {MAX_SITEMAPS} sitemaps; the rest unread"
                self.fail("sitemap-limit", response.url, detail)
                return
            self.sitemaps_read += 1
            yield self._listing_request(PageRequest(sitemap), sitemap, 1, "sitemap", found)

    def _learn_family(self, response: TextResponse) -> None:
        """A portal with no definition: its CMS family (and so its pager) from its first page."""
        from portals.drafting import adhoc_site

        learnt = adhoc_site(self.site.listing_urls[0], response.text)
        self.site = replace(learnt, listing_urls=self.site.listing_urls)
        self.selectors = selectors_for(self.site)

    def _listing(self, response: TextResponse, first_page: str, number: int) -> Listing:
        """The page's article links by the definition; by the generic path when the
        definition no longer finds them (on page 1: fewer links than the site expects; on
        later pages of a listing whose page 1 drifted: none), which is recorded as drift."""
        listing = parse_listing(response.text, response.url, self.site)
        declared_first = number == 1 and first_page in self.site.listing_urls
        if self.site.unregistered and declared_first and listing.article_urls:
            # what page 1's list links to is the shape of the site's articles from now on
            pattern = url_pattern(listing.article_urls)
            self.site = replace(self.site, article_url_pattern=pattern)
        if listing.method != "selector":
            return listing
        expected = self.site.min_links_per_listing if number == 1 else 1
        drifted = first_page in self.drifted_listings
        if len(listing.article_urls) >= expected and not drifted:
            self.definition.served("listing")
            return listing
        found = discover_listing(response.text, response.url, self.site)
        if len(found.article_urls) <= len(listing.article_urls):
            return listing  # the generic path sees no more: the end of the list, or a tripwire
        self.drifted_listings.add(first_page)
        self.definition.fell_back(
            "listing",
            response.url,
            f"listing selector found {len(listing.article_urls)} article links, "
            f"the {found.method} path {len(found.article_urls)}",
        )
        return found

    def _before_since(self, published: datetime | None) -> bool:
        if self.since is None or published is None or published.date() >= self.since:
            return False
        self.crawler.stats.inc_value("khcn/articles_before_since")
        return True

    async def parse_article(
        self, response: Response
    ) -> AsyncIterator[Article | GoneUrl | PageSeen]:
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
        if response.status == 304:  # --refresh of an article the portal did not change
            self.crawler.stats.inc_value("khcn/articles_not_modified")
            return
        content_type = (response.headers.get("Content-Type") or b"").lower()
        if not isinstance(response, TextResponse) or (
            content_type and not any(kind in content_type for kind in HTML_TYPES)
        ):
            self.fail("not-html", response.url, content_type.decode("latin-1"), article=True)
            return
        if not response.body.strip():
            self.fail("empty", response.url, article=True)
            return
        for seen in self._validators_of(response):
            yield seen
        definition = None if self.site.unregistered else self.site
        try:
            article = await self.parser.parse(response.text, response.url, definition)
        except ArticleParseError as exc:
            self.fail(f"tripwire-{exc.reason}", response.url, article=True)
            return
        if definition is None:
            article.site = self.site.slug
        else:
            self.definition.article(response.url, article.methods, self.selectors)
        capture = response.meta.get("capture")
        if capture is not None:
            article.fetched_at = datetime.fromisoformat(capture.fetched_at)
            article.warc_file, article.warc_offset = capture.file, capture.offset
            article.warc_record_id = capture.record_id
        if any(warning.startswith(LEGACY_ENCODING) for warning in article.warnings):
            self.fail("legacy-encoding", response.url, "stored as served, flagged")
        if not self._before_since(article.published):
            yield article

    def on_error(self, failure: Failure) -> None:
        request = failure.request
        if failure.check(HttpError):
            kind = f"http-{failure.value.response.status}"
        else:
            error, cause = failure.value, type(failure.value.__cause__).__name__
            kind = DOWNLOAD_FAILURES.get(cause) or DOWNLOAD_FAILURES.get(
                type(error).__name__, type(error).__name__
            )
        if request.meta.get("found_source"):  # a feed or sitemap looked for, not declared
            self.logger.info("%s: no feed or sitemap at %s (%s)", self.site.slug, request.url, kind)
            self.crawler.stats.inc_value(f"khcn/sources/{kind}")
            return
        is_article = request.meta.get("page_kind") == "article"
        self.fail(kind, request.url, str(failure.value), article=is_article)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.parser = ArticleParser(crawler.settings.getint("KHCN_PARSE_PROCESSES"))
        return spider

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(key)

    def fail(self, kind: str, url: str, detail: str = "", article: bool = False) -> None:
        """One page this run could not use, announced to the run's record
        (portals/run_signals.py); never raises (a broken page must not stop the crawl)."""
        run_signals.fail(self.crawler, kind, url, detail, article)
