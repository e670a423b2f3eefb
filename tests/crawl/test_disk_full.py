"""A crawl whose archive sits on a small filesystem that fills up half-way stops cleanly: its
run is ``failed`` with the reason ``disk-full``, the archive stays whole (SQLite's integrity
check, readable WARC files, image files that are what their names say), and once there is room
again, the next crawl finishes the job: every article stored once, with its images, and exactly
one WARC response record per article page."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from portals.demo.replay import local_crawl_command, replay_server
from portals.demo.synthetic_site import BULK_CRAWL, SyntheticSite, build
from portals.registry import SITES_PATH
from tests.conftest import ROOT, small_filesystem, warc_responses

ARTICLES = 300
SMALL = "8m"  # the crawl needs ~8 MB, and the reserve 4 MB: it fills up half-way
ROOMY = "256m"


def crawl(site: SyntheticSite, db: Path, proxy: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **proxy, SITES_PATH: str(site.definitions)}
    command = local_crawl_command([site.slug], db, *BULK_CRAWL)
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def crawled_twice(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("disk-full")
    site = build(folder / "site", ARTICLES)
    with small_filesystem(folder / "disk", SMALL) as disk, replay_server([site.snapshot]) as replay:
        db = disk / "archive.db"
        first = crawl(site, db, replay.proxy_environment())
        after_first = whole_archive(db)
        subprocess.run(["mount", "-o", f"remount,size={ROOMY}", str(disk)], check=True)
        second = crawl(site, db, replay.proxy_environment())
        after_second = whole_archive(db)
    yield site, first, after_first, second, after_second


def whole_archive(db: Path) -> dict:
    """What a reader of the archive would find, each part checked for damage."""
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        runs = conn.execute("SELECT status, finish_reason FROM crawl_runs ORDER BY id").fetchall()
        failures = Counter(
            kind for (kind,) in conn.execute("SELECT kind FROM crawl_failures")
        )  # fmt: skip
        urls = [url for (url,) in conn.execute("SELECT url FROM articles")]
        images = conn.execute("SELECT count(*), count(path) FROM images").fetchone()
    responses = warc_responses(db)  # raises on a damaged file
    files = [p for p in db.with_name("archive-images").glob("*/*") if p.is_file()]
    damaged = [p for p in files if hashlib.sha256(p.read_bytes()).hexdigest() != p.stem]
    return {
        "integrity": integrity,
        "runs": runs,
        "failures": failures,
        "urls": urls,
        "images": images,
        "responses": responses,
        "damaged files": damaged,
        "reserve left": any(db.parent.glob("archive.db.reserve*")),
    }


def test_the_first_crawl_stops_for_the_full_disk(crawled_twice) -> None:
    _, first, archive, *_ = crawled_twice
    assert first.returncode == 1, first.stdout + first.stderr[-3000:]
    assert archive["runs"] == [("failed", "disk-full")]
    assert "the disk holding" in first.stderr and "filled up" in first.stderr
    assert archive["failures"]["disk-full"] >= 1
    assert 0 < len(archive["urls"]) < ARTICLES, "the disk filled up half-way"


def test_the_full_disk_leaves_nothing_half_written(crawled_twice) -> None:
    _, _, archive, *_ = crawled_twice
    assert archive["integrity"] == "ok"
    assert archive["damaged files"] == []
    assert archive["reserve left"] is False


def test_with_room_again_the_next_crawl_finishes_the_job(crawled_twice) -> None:
    site, _, _, second, archive = crawled_twice
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    assert [status for status, _ in archive["runs"]] == ["failed", "ok"]
    assert sorted(archive["urls"]) == sorted(site.article_urls)  # each once: url is unique
    assert archive["images"][0] == archive["images"][1] == 2 * ARTICLES  # every image has a file
    assert archive["integrity"] == "ok" and archive["damaged files"] == []
    responses = archive["responses"]
    assert {url: responses[url] for url in site.article_urls} == dict.fromkeys(site.article_urls, 1)


def test_a_crawl_on_a_disk_already_full_does_not_start(tmp_path: Path) -> None:
    site = build(tmp_path / "site", 5)
    small = small_filesystem(tmp_path / "disk", "2m")
    with small as disk, replay_server([site.snapshot]) as replay:
        (disk / "filler").write_bytes(b"x" * (2 * 1024 * 1024 - 64 * 1024))
        result = crawl(site, disk / "archive.db", replay.proxy_environment())
    assert result.returncode == 1
    assert "not started: the disk holding" in result.stderr and "is full" in result.stderr
    assert "Traceback" not in result.stderr
