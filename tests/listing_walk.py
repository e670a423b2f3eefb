"""Walking a site's listing pages through the spider's callbacks, on saved pages at their
original URLs (no engine, no network): the expectations of a fixture folder's ``listing.toml``
read and checked (tests/sites/test_listings.py for every registered site, and the file
`khcn new-site` writes, in tests/crawl/test_new_sites.py), and the helpers the per-site quirk
tests in tests/sites/ share. The keys of ``listing.toml``: docs/adding-a-portal.md §4.
"""

from __future__ import annotations

import asyncio
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from parsel import Selector
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from portals.registry import Site
from portals.snapshots import load_snapshot
from portals.spiders.portal import PortalSpider
from tests.conftest import RESPONSE_TYPES, portal_spider, saved_response

TRIPWIRE = "khcn/failed/tripwire-listing-links"
DRIFT_LISTING = "khcn/definition/listing/fallback"

LISTING_KEYS = {"listing_url", "stays_under", "never_requested", "not_articles", "article_ids",
                "pages", "tripwires"}  # fmt: skip
PAGE_KEYS = {"file", "answers", "articles", "next"}
NEXT_KEYS = {"url", "method", "body", "fields", "echoed", "sends"}
TRIPWIRE_KEYS = {"file", "alarms", "articles", "next"}
ANSWERS = ("start", "next", "again")


def article_urls(requests: list[Request]) -> list[str]:
    """The URLs of the article requests (callback ``parse_article``), in order."""
    return [r.url for r in requests if r.callback.__name__ == "parse_article"]


def next_pages(requests: list[Request]) -> list[Request]:
    """The listing-page requests (callback ``parse_listing``), in order."""
    return [r for r in requests if r.callback.__name__ == "parse_listing"]


def listing_page(slug: str, file: str, first_page: str) -> list[Request]:
    """What ``parse_listing`` yields for the saved page ``file`` as page 1 of the listing at
    ``first_page``, on a fresh spider."""
    spider = portal_spider(slug)
    return list(spider.parse_listing(saved_response(slug, file), first_page=first_page, number=1))


def posted_form(request: Request) -> dict[str, str]:
    """The fields of a form-encoded POST body (the last value of a repeated name)."""
    fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    return {name: values[-1] for name, values in fields.items()}


def posted_json(request: Request) -> dict[str, str]:
    """The fields of a JSON POST body, as strings."""
    return {key: str(value) for key, value in json.loads(request.body).items()}


def start_request(spider: PortalSpider) -> Request:
    """The one request ``spider.start()`` yields."""

    async def first() -> list[Request]:
        return [request async for request in spider.start()]

    (request,) = asyncio.run(first())
    return request


def answer(spider: PortalSpider, request: Request, response: TextResponse) -> list[Any]:
    """What ``parse_listing`` yields for ``response`` as the answer to ``request`` (called
    with the request's ``cb_kwargs``, as the engine calls it)."""
    return list(spider.parse_listing(response, **request.cb_kwargs))


def tripwire_count(spider: PortalSpider) -> int:
    """How often the spider said a listing page was not read by its definition: the tripwire
    (no article link found by any path), or definition drift (the generic path found them)."""
    stats = spider.crawler.stats
    return (stats.get_value(TRIPWIRE) or 0) + (stats.get_value(DRIFT_LISTING) or 0)


def spider_for(site: Site) -> PortalSpider:
    """The spider of a site definition (registered or not) with a crawler for its stats."""
    crawler = get_crawler(PortalSpider, {})
    crawler.spider = PortalSpider.from_crawler(crawler, site=site)
    return crawler.spider


# -- listing.toml ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Listings:
    """A fixture folder (saved pages, ``manifest.toml``) and its ``listing.toml``."""

    folder: Path
    data: dict[str, Any]

    def response(self, name: str) -> TextResponse:
        """The saved page ``name`` as Scrapy hands it to a callback, at its original URL
        (a POST answer at the URL it was posted to)."""
        snapshot = load_snapshot([self.folder])
        urls = {path.name: url for url, path in snapshot.pages.items()}
        urls.update({post.path.name: post.url for post in snapshot.posts})
        if name not in urls:
            raise AssertionError(f"{self.folder.name}: {name} is not in manifest.toml")
        path = self.folder / name
        response_type = RESPONSE_TYPES.get(path.suffix, HtmlResponse)
        return response_type(url=urls[name], body=path.read_bytes(), encoding="utf-8",
                             request=Request(urls[name]))  # fmt: skip

    @property
    def pages(self) -> list[dict[str, Any]]:
        return self.data["pages"]

    @property
    def tripwires(self) -> list[dict[str, Any]]:
        return self.data.get("tripwires", [])


def read_listings(folder: Path) -> Listings:
    """``folder/listing.toml``, its keys checked: a misspelt key is an error, never a check
    silently skipped."""
    path = folder / "listing.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    _known(path, "the file", data, LISTING_KEYS, {"listing_url", "pages"})
    for number, page in enumerate(data["pages"], 1):
        _known(path, f"page {number}", page, PAGE_KEYS, {"file", "articles", "next"})
        if page.get("answers", "next") not in ANSWERS:
            raise ValueError(f"{path}: page {number}: answers must be one of {ANSWERS}")
        for request in page["next"]:
            _known(path, f"page {number}'s next", request, NEXT_KEYS, {"url", "method"})
    for tripwire in data.get("tripwires", []):
        _known(path, f"tripwire {tripwire.get('file')}", tripwire, TRIPWIRE_KEYS, {"file"})
    return Listings(folder, data)


def _known(path: Path, where: str, table: dict, allowed: set[str], required: set[str]) -> None:
    if unknown := set(table) - allowed:
        raise ValueError(f"{path}: {where}: unknown keys {sorted(unknown)}")
    if missing := required - set(table):
        raise ValueError(f"{path}: {where}: missing keys {sorted(missing)}")


@dataclass(frozen=True)
class Step:
    """One saved page of the walk: what it must yield, the request it answered, what it gave."""

    expected: dict[str, Any]
    request: Request
    response: TextResponse
    yielded: list[Any]

    @property
    def name(self) -> str:
        return f"{self.expected['file']} (answering {self.request.method} {self.request.url})"


def walk(spider: PortalSpider, listings: Listings) -> list[Step]:
    """The ``[[pages]]`` in turn on one spider, each the answer to the request its ``answers``
    names: ``start`` the spider's start request (the first page's default), ``next`` the
    first next-page request of the page before (the others' default), ``again`` the request
    the page before answered."""
    start = start_request(spider)
    steps: list[Step] = []
    for page in listings.pages:
        how = page.get("answers", "next" if steps else "start")
        if how == "start":
            request = start
        elif how == "again":
            request = steps[-1].request
        else:
            following = next_pages(steps[-1].yielded) if steps else []
            assert following, f"{page['file']}: the page before yields no next-page request"
            request = following[0]
        response = listings.response(page["file"])
        steps.append(Step(page, request, response, answer(spider, request, response)))
    return steps


def check_yield(name: str, yielded: list[Any], expected: dict[str, Any], page_html: str) -> None:
    """The page yields exactly the expected article requests, in order, then the expected
    next-page requests, and nothing else."""
    kinds = [getattr(getattr(r, "callback", None), "__name__", type(r).__name__) for r in yielded]
    articles, following = article_urls(yielded), next_pages(yielded)
    assert articles == expected["articles"], f"{name}: article requests {articles}"
    assert len(following) == len(expected["next"]), (
        f"{name}: next-page requests {[(r.method, r.url) for r in following]}"
    )
    assert kinds == ["parse_article"] * len(articles) + ["parse_listing"] * len(following), (
        f"{name}: yields {kinds}"
    )
    for request, wanted in zip(following, expected["next"], strict=True):
        check_next_request(name, request, wanted, page_html)


def check_next_request(name: str, request: Request, wanted: dict[str, Any], page_html: str) -> None:
    """A next-page request: URL and method, and for a POST its body: ``body`` (form or json),
    ``fields`` (values, as strings), ``echoed`` (hidden inputs of the page sent back as they
    are), ``sends`` (names the body carries, whatever their value)."""
    got = (request.method, request.url)
    assert got == (wanted["method"], wanted["url"]), f"{name}: next-page request {got}"
    if not {"body", "fields", "echoed", "sends"} & set(wanted):
        return
    content_type = request.headers.get("Content-Type") or b""
    if wanted.get("body") == "json":
        assert b"application/json" in content_type, f"{name}: Content-Type {content_type!r}"
        sent = posted_json(request)
    else:
        form = b"application/x-www-form-urlencoded"
        assert content_type == form, f"{name}: Content-Type {content_type!r}"
        sent = posted_form(request)
    for field, value in wanted.get("fields", {}).items():
        assert sent.get(field) == value, f"{name}: posted {field} = {sent.get(field)!r}"
    page = Selector(text=page_html)
    for field in wanted.get("echoed", []):
        value = page.css(f'input[name="{field}"]').xpath("@value").get()
        assert value is not None, f"{name}: the page has no hidden input {field}"
        assert sent.get(field) == value, f"{name}: {field} is not the page's"
    for field in wanted.get("sends", []):
        assert field in sent, f"{name}: {field} not posted"


def check_walk(spider: PortalSpider, listings: Listings) -> list[Step]:
    """Every page of the walk yields what ``listing.toml`` says (the steps are returned)."""
    steps = walk(spider, listings)
    for step in steps:
        check_yield(step.name, step.yielded, step.expected, step.response.text)
    return steps


def check_confinement(steps: list[Step], listings: Listings) -> int:
    """No request of any page leaves ``stays_under`` or carries a ``never_requested`` part
    (sidebar-only articles, other sections, fragments); the requests looked at."""
    requests = [r for step in steps for r in step.yielded if isinstance(r, Request)]
    prefix = listings.data.get("stays_under")
    for request in requests:
        if prefix:
            assert request.url.startswith(prefix), f"{request.url} is not under {prefix}"
        for part in listings.data.get("never_requested", []):
            assert part not in request.url, f"{request.url} carries {part!r}"
    return len(requests)


def check_tripwire(site: Site, listings: Listings, tripwire: dict[str, Any]) -> None:
    """A page without list links (an article page) as page 1, on a fresh spider: the tripwire
    and/or definition drift fire (``alarms`` times, or at least once); with ``articles`` and
    ``next``, it yields exactly those."""
    spider = spider_for(site)
    response = listings.response(tripwire["file"])
    yielded = answer(spider, start_request(spider), response)
    alarms = tripwire_count(spider)
    name = f"{tripwire['file']} as page 1"
    if "alarms" in tripwire:
        assert alarms == tripwire["alarms"], f"{name}: {alarms} alarms"
    else:
        assert alarms >= 1, f"{name}: no tripwire, no drift"
    if "articles" in tripwire:
        check_yield(name, yielded, {"next": [], **tripwire}, response.text)


def check_article_urls(site: Site, listings: Listings) -> None:
    """The definition takes every listed article URL for an article, with the key
    ``article_ids`` gives, and none of ``not_articles``."""
    for page in listings.pages:
        for url in page["articles"]:
            assert site.is_article_url(url), f"{url} is listed but not an article URL"
    for url, key in listings.data.get("article_ids", {}).items():
        found = re.match(site.article_url_pattern, url)
        assert found and found["id"] == key, f"{url}: key {found and found['id']!r}"
    for url in listings.data.get("not_articles", []):
        assert not site.is_article_url(url), f"{url} taken for an article"
