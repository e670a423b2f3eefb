"""Distributed mode: a real redis-server (Debian's, started by the test on 127.0.0.1) and two
`khcn crawl --redis` workers on one local site of 2,000 articles: together they fetch each
URL once and store every article exactly once in the shared archive."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from portals.demo.replay import local_crawl_command, replay_server
from portals.demo.synthetic_site import BULK_CRAWL, build
from portals.registry import SITES_PATH
from tests.conftest import ROOT, free_port

ARTICLES = 2000
REDIS = shutil.which("redis-server")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if REDIS is None:
        pytest.fail("redis-server is not installed: `make test` installs Debian's redis-server")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True)
            if ping.stdout.strip() == b"PONG":
                break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def crawled(redis_url: str, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("distributed")
    site = build(folder / "site", ARTICLES)
    db = folder / "archive.db"
    with replay_server([site.snapshot]) as replay:
        env = {**os.environ, **replay.proxy_environment(), SITES_PATH: str(site.definitions),
               "no_proxy": "127.0.0.1"}  # fmt: skip
        command = local_crawl_command([site.slug], db, "--redis", redis_url,
                                      "--job", "test-two-workers", *BULK_CRAWL)  # fmt: skip
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
        workers = [subprocess.Popen(command, env=env, cwd=ROOT, **pipes) for _ in range(2)]
        outputs = [worker.communicate(timeout=600) for worker in workers]
        requested = list(replay.requested)
    return site, db, workers, outputs, requested


def test_both_workers_finish(crawled) -> None:
    _, _, workers, outputs, _ = crawled
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, out + err[-3000:]


def test_no_url_is_fetched_twice(crawled) -> None:
    site, _, _, _, requested = crawled
    counts = Counter(url for url in requested if not url.endswith("/robots.txt"))
    assert {url: n for url, n in counts.items() if n > 1} == {}
    assert set(site.article_urls) <= set(counts)


def test_every_article_is_stored_exactly_once(crawled) -> None:
    site, db, _, _, _ = crawled
    with sqlite3.connect(db) as conn:
        urls = [row[0] for row in conn.execute("SELECT url FROM articles")]
        runs = conn.execute("SELECT status, articles_new FROM crawl_runs").fetchall()
    assert sorted(urls) == sorted(site.article_urls)
    assert [status for status, _ in runs] == ["ok", "ok"]
    assert sum(new for _, new in runs) == ARTICLES


def test_both_workers_did_a_share(crawled) -> None:
    _, db, _, _, _ = crawled
    shares = []
    for path in Path(db).with_name("archive-warc").glob("*.warc.gz"):
        with path.open("rb") as stream:
            pages = sum(
                1 for record in ArchiveIterator(stream)
                if record.rec_type == "response"
                and "/tin-tuc/bai-viet-" in record.rec_headers.get_header("WARC-Target-URI")
            )  # fmt: skip
        shares.append(pages)
    assert len(shares) == 2 and sum(shares) == ARTICLES
    assert min(shares) > ARTICLES * 0.2
