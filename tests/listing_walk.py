"""Walking a site's listing pages through the spider's callbacks, on saved pages at their
original URLs (no engine, no network): the helpers the per-site tests in tests/portals/ share.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qs

from scrapy import Request

from portals.spiders.portal import PortalSpider
from tests.conftest import portal_spider, saved_response

TRIPWIRE = "khcn/failed/tripwire-listing-links"
DRIFT_LISTING = "khcn/definition/listing/fallback"

Page = tuple[Request | None, list[Request]]


def article_urls(requests: list[Request]) -> list[str]:
    """The URLs of the article requests (callback ``parse_article``), in order."""
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def next_pages(requests: list[Request]) -> list[Request]:
    """The listing-page requests (callback ``parse_listing``), in order."""
    return [r for r in requests if r.callback.__name__ == "parse_listing"]


def listing_page(
    slug: str,
    file: str,
    first_page: str,
    *,
    number: int = 1,
    spider: PortalSpider | None = None,
) -> list[Request]:
    """What ``parse_listing`` yields for the saved page ``file`` as page ``number`` of the
    listing at ``first_page`` (on a fresh spider unless one is given)."""
    spider = spider or portal_spider(slug)
    response = saved_response(slug, file)
    return list(spider.parse_listing(response, first_page=first_page, number=number))


def answer(spider: PortalSpider, request: Request, slug: str, file: str) -> list[Request]:
    """What ``parse_listing`` yields for the saved page ``file`` as the answer to ``request``
    (called with the request's ``cb_kwargs``)."""
    return list(spider.parse_listing(saved_response(slug, file), **request.cb_kwargs))


def follow(
    spider: PortalSpider, requests: list[Request], slug: str, file: str
) -> tuple[Request, list[Request]]:
    """The next page reached the way the crawl reaches it: the first listing request among
    ``requests``, and what the saved page ``file`` yields as its answer."""
    nxt = next_pages(requests)[0]
    return nxt, answer(spider, nxt, slug, file)


def walk(slug: str, first_page: str, *files: str, spider: PortalSpider | None = None) -> list[Page]:
    """The saved pages ``files`` in turn on one spider (a fresh one unless one is given): the
    first as page 1 of the listing at ``first_page``, each other one as the answer to the
    first listing request of the page before. For each page, the request that reached it
    (None for page 1) and what it yields."""
    spider = spider or portal_spider(slug)
    first, *others = files
    pages: list[Page] = [(None, listing_page(slug, first, first_page, spider=spider))]
    for file in others:
        pages.append(follow(spider, pages[-1][1], slug, file))
    return pages


def start_request(spider: PortalSpider) -> Request:
    """The one request ``spider.start()`` yields."""

    async def first() -> list[Request]:
        return [request async for request in spider.start()]

    (request,) = asyncio.run(first())
    return request


def posted_form(request: Request) -> dict[str, str]:
    """The fields of a form-encoded POST body (the last value of a repeated name)."""
    fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    return {name: values[-1] for name, values in fields.items()}


def load_article_post(request: Request, endpoint: str) -> dict[str, str]:
    """The JSON fields of a UIArticleInMenu "load article" POST for page 2 onwards, as strings,
    after checking what every such request has: the endpoint, JSON, and the display flags."""
    assert request.url == endpoint
    assert request.method == "POST"
    assert b"application/json" in (request.headers.get("Content-Type") or b"")
    body = json.loads(request.body)
    for flag in ("show_post_date", "num_of_text", "show_view_count", "is_authenticated"):
        assert flag in body, flag
    fields = {key: str(value) for key, value in body.items()}
    assert fields["articlelang"] == "vi-VN"
    return fields


def tripwire_count(spider: PortalSpider) -> int | None:
    """How often the spider said a listing page was not read by its definition: the tripwire
    (no article link found by any path), or definition drift (the generic path found them)."""
    stats = spider.crawler.stats
    alarms = (stats.get_value(TRIPWIRE) or 0) + (stats.get_value(DRIFT_LISTING) or 0)
    return alarms or None


def tripwire_listing(slug: str, file: str, first_page: str) -> tuple[list[Request], int | None]:
    """The saved page ``file`` (one without article links) as page 1 of the listing at
    ``first_page`` on a fresh spider: what it yields, and how often the tripwire fired."""
    spider = portal_spider(slug)
    return listing_page(slug, file, first_page, spider=spider), tripwire_count(spider)
