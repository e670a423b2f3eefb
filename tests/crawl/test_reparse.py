"""WARC capture and `khcn reparse`: a real crawl of local fixture sites writes every response to
WARC; deleting the SQLite file and reparsing the WARC files gives back identical article rows;
a second reparse changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from archive.warc import Capture, StoredResponse
from portals.demo.replay import local_crawl_command, replay_server
from portals.registry import Site, get_site
from portals.reparse import CHUNK, CHUNKS_IN_FLIGHT_PER_WORKER, _parsed
from tests.conftest import FIXTURES, ROOT, saved_page

SITES = ["hpstic", "haugiang_skhcn", "ninhbinh_sokhcn", "ninhbinh_portal"]


def khcn(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "portals", *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def article_rows(db_path: Path) -> dict[str, dict]:
    db = sqlite_utils.Database(db_path)
    rows = {}
    for row in db.query("SELECT * FROM articles"):
        row.pop("id")
        row["images"] = [
            dict(image)
            for image in db.query(
                "SELECT i.position, i.url, i.caption, i.alt, i.sha256, i.path, i.size "
                "FROM images i JOIN articles a "
                "ON a.id = i.article_id WHERE a.url = ? ORDER BY position",
                [row["url"]],
            )
        ]
        rows[row["url"]] = row
    return rows


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reparse") / "archive.db"
    with replay_server([FIXTURES / slug for slug in SITES]) as replay:
        env = {**os.environ, **replay.proxy_environment()}
        command = local_crawl_command(SITES, db)
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return db


def test_every_response_is_in_standard_warc_files(crawled: Path) -> None:
    folder = crawled.with_name("archive-warc")
    records = []
    for path in folder.glob("*.warc.gz"):
        with path.open("rb") as stream:
            records += [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
                        for r in ArchiveIterator(stream)]  # fmt: skip
    responses = [url for kind, url in records if kind == "response"]
    requests = [url for kind, url in records if kind == "request"]
    assert sorted(responses) == sorted(requests)
    assert "http://hpstic.vn/robots.txt" in responses
    assert "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html" in responses
    # the POSTed listing page and the 301 of a retired URL are captured as served
    assert any(url.endswith("ArticleInMenuPagination.aspx/LoadArticle") for url in responses)
    assert any(url.endswith("xang-dau95790") for url in responses)


def test_each_article_points_to_its_record(crawled: Path) -> None:
    folder = crawled.with_name("archive-warc")
    for row in sqlite_utils.Database(crawled).query("SELECT * FROM articles"):
        with (folder / row["warc_file"]).open("rb") as stream:
            stream.seek(row["warc_offset"])
            record = next(iter(ArchiveIterator(stream)))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Record-ID") == row["warc_record_id"]
        assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]


def test_reparse_from_warc_rebuilds_identical_rows(crawled: Path, tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.db"
    warc = str(crawled.with_name("archive-warc"))
    done = khcn("reparse", "--db", str(rebuilt), "--warc", warc, "--jobs", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    rows = article_rows(rebuilt)
    assert rows == article_rows(crawled)
    assert all(image["path"] for row in rows.values() for image in row["images"])
    images = {p.relative_to(tmp_path / "rebuilt-images").as_posix()
              for p in (tmp_path / "rebuilt-images").rglob("*") if p.is_file()}  # fmt: skip
    assert {image["path"] for row in rows.values() for image in row["images"]} <= images
    db = sqlite_utils.Database(rebuilt)
    assert [row["site"] for row in db.query("SELECT site FROM gone_urls")] == ["haugiang_skhcn"]
    assert db["article_urls"].count == sqlite_utils.Database(crawled)["article_urls"].count


def test_reparse_of_an_unchanged_archive_changes_nothing(crawled: Path) -> None:
    before = article_rows(crawled)
    done = khcn("reparse", "--db", str(crawled), "--jobs", "1")
    assert done.returncode == 0, done.stderr[-3000:]
    assert " 0 new, 0 updated," in done.stdout
    assert article_rows(crawled) == before
    assert sqlite_utils.Database(crawled)["article_versions"].count == 0


def test_a_parallel_reparse_reads_the_warc_files_only_a_little_ahead() -> None:
    """Executor.map would read every page of every WARC file before the first result: a
    national archive would not fit in memory. Only a few chunks per worker are in flight."""
    page = saved_page("hpstic", "article-ky-niem-65-nam.html")
    capture = Capture("x.warc.gz", 0, 0, "<urn:uuid:0>", "2025-06-09T00:00:00+00:00")
    response = StoredResponse(page.url, 200, [("Content-Type", "text/html; charset=utf-8")],
                              page.path.read_bytes(), capture.fetched_at, capture)  # fmt: skip
    pulled = 0

    def pages() -> Iterator[tuple[StoredResponse, Site]]:
        nonlocal pulled
        for _ in range(2000):
            pulled += 1
            yield response, get_site("hpstic")

    results = _parsed(pages(), workers=2)
    first = next(results)
    assert isinstance(first, dict) and first["title"].startswith("Kỷ niệm 65 năm")
    assert pulled <= (CHUNKS_IN_FLIGHT_PER_WORKER * 2 + 1) * CHUNK
    assert sum(1 for _ in results) == 1999
