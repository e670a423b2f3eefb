"""A crawl of a local site of 2,000 articles killed with SIGKILL half-way and started again
finishes the job: every article stored exactly once, with its images, and exactly one WARC
response record per article page; the WARC files stay readable to the end."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from portals.demo.replay import local_crawl_command, replay_server
from portals.demo.synthetic_site import BULK_CRAWL, SyntheticSite, build
from portals.registry import SITES_PATH
from tests.conftest import ROOT, warc_responses

ARTICLES = 2000
KILL_AFTER = 600  # articles stored


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def crawl_of(site: SyntheticSite, db: Path, proxy: dict[str, str]) -> tuple[list[str], dict]:
    """The command and environment of a crawl of the synthetic site, with one parser process."""
    env = {**os.environ, **proxy, SITES_PATH: str(site.definitions), "KHCN_PARSE_PROCESSES": "1"}
    return local_crawl_command([site.slug], db, *BULK_CRAWL), env


def wait_until_stored(db: Path, articles: int, crawl: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while stored(db) < articles and time.monotonic() < deadline and crawl.poll() is None:
        time.sleep(0.05)


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("resume")
    site = build(folder / "site", ARTICLES)
    db = folder / "archive.db"
    with replay_server([site.snapshot]) as replay:
        command, env = crawl_of(site, db, replay.proxy_environment())
        first = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)  # fmt: skip
        wait_until_stored(db, KILL_AFTER, first)
        killed_at = stored(db)
        workers = children(first.pid)  # its article parser processes
        first.send_signal(signal.SIGKILL)
        first.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        orphans = [pid for pid in workers if alive(pid)]
        second = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                                timeout=300)  # fmt: skip
    return site, db, killed_at, second, workers, orphans


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def test_the_killed_crawls_parser_processes_end_with_it(resumed) -> None:
    *_, workers, orphans = resumed
    assert workers, "the crawl parsed in worker processes (KHCN_PARSE_PROCESSES)"
    assert orphans == []


def test_the_crawl_was_killed_half_way(resumed) -> None:
    _, _, killed_at, second, *_ = resumed
    assert KILL_AFTER <= killed_at < ARTICLES
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]


def test_every_article_is_stored_exactly_once_with_its_images(resumed) -> None:
    site, db, *_ = resumed
    with sqlite3.connect(db) as conn:
        urls = [row[0] for row in conn.execute("SELECT url FROM articles")]
        missing_files = conn.execute("SELECT count(*) FROM images WHERE path IS NULL").fetchone()
        images = conn.execute("SELECT count(*) FROM images").fetchone()[0]
        statuses = [row[0] for row in conn.execute("SELECT status FROM crawl_runs ORDER BY id")]
    assert sorted(urls) == sorted(site.article_urls)
    assert images == 2 * ARTICLES and missing_files == (0,)
    assert statuses == ["interrupted", "ok"]
    folder = db.with_name("archive-images")
    assert len([p for p in folder.glob("*/*") if p.is_file()]) == ARTICLES + 1  # one shared logo


def test_every_article_page_has_exactly_one_warc_record(resumed) -> None:
    site, db, *_ = resumed
    responses = warc_responses(db)  # raises on a damaged file
    assert {url: responses[url] for url in site.article_urls} == dict.fromkeys(site.article_urls, 1)


def test_a_parser_process_killed_mid_crawl_loses_no_article(tmp_path: Path) -> None:
    """The OOM killer may pick a parser process: its pool is replaced, the pages it held are
    parsed again, and the crawl stores every article."""
    articles = 600
    site = build(tmp_path / "site", articles)
    db = tmp_path / "archive.db"
    with replay_server([site.snapshot]) as replay:
        command, env = crawl_of(site, db, replay.proxy_environment())
        crawl = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)  # fmt: skip
        wait_until_stored(db, 100, crawl)
        parsers = [pid for pid in children(crawl.pid) if "spawn_main" in command_line(pid)]
        assert parsers, "the crawl parses in a worker process"
        for pid in parsers:
            os.kill(pid, signal.SIGKILL)
        output, _ = crawl.communicate(timeout=300)
    assert crawl.returncode == 0, output[-3000:]
    assert stored(db) == articles
    assert "a parser process died" in output


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""
