"""Shared test helpers: saved pages with their original URLs, and temporary archives."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from portals.demo.fixtures import (  # noqa: F401 (the tests' helpers, re-exported)
    FIXTURES,
    HELD_OUT,
    GoldArticle,
    SavedPage,
    gold_articles,
    held_out_articles,
    saved_page,
    saved_pages,
)
from portals.spiders.portal import PortalSpider

ROOT = Path(__file__).parent.parent


RESPONSE_TYPES = {".xml": XmlResponse, ".rss": XmlResponse, ".json": TextResponse}


def saved_response(site: str, name: str) -> TextResponse:
    """A saved page as Scrapy hands it to a callback, at its original URL (as City Bureau's
    ``file_response``): relative links resolve as they do live."""
    page = saved_page(site, name)
    response_type = RESPONSE_TYPES.get(page.path.suffix, HtmlResponse)
    return response_type(
        url=page.url, body=page.path.read_bytes(), encoding="utf-8", request=Request(page.url)
    )


def portal_spider(site: str, settings: dict | None = None) -> PortalSpider:
    """The spider of a site with a crawler (for its stats), but no engine and no network."""
    crawler = get_crawler(PortalSpider, settings or {})
    crawler.spider = PortalSpider.from_crawler(crawler, site=site)
    return crawler.spider


def article_items(spider: PortalSpider, response: Response) -> list[Any]:
    """What the spider's article callback (an async generator) yields for one response."""

    async def collect() -> list[Any]:
        return [item async for item in spider.parse_article(response)]

    return asyncio.run(collect())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`khcn demo --no-serve`: every bundled snapshot through the real crawler, once."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    command = [sys.executable, "-m", "portals", "demo", "--db", str(db), "--no-serve"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def khcn_serve(db: Path) -> Iterator[str]:
    """A real `khcn serve` of the archive on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"}
    command = [sys.executable, "-m", "portals", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def local_portal(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A portal answered by ``handler`` on a free loopback port; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def direct_env() -> dict[str, str]:
    """This environment without proxy settings: a crawl reaching a loopback portal itself."""
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@contextmanager
def small_filesystem(folder: Path, size: str) -> Iterator[Path]:
    """A real filesystem of ``size`` (tmpfs) mounted on ``folder``, to fill up: the disk-full
    tests write to it. Needs root (as `make test` has, to install Debian's packages)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode:
        pytest.fail(
            f"cannot mount a small tmpfs for the disk-full test (root needed): {mounted.stderr}"
        )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def warc_responses(db: Path) -> Counter[str]:
    """Response records per URL in the WARC files of the archive ``db`` (raises on a damaged
    file)."""
    responses: Counter[str] = Counter()
    for path in sorted(db.with_name("archive-warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    responses[record.rec_headers.get_header("WARC-Target-URI")] += 1
    return responses
