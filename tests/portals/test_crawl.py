"""A real crawl: the Scrapy engine, the pipeline and SQLite, against saved pages replayed on
127.0.0.1 (the crawler's http(s)_proxy points at the replay server; nothing leaves the machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from archive.search import search_articles
from portals.replay import replay_server
from tests.conftest import FIXTURES, ROOT

SEED_URL = (
    "http://hpstic.vn/news/So-Khoa-hoc-va-Cong-nghe-so-ket-cong-tac-6-thang-dau-nam-"
    "bo-khuyet-nhiem-vu-6-thang-cuoi-nam-2024-21437.html"
)
LISTING = "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html"


def crawl(db: Path, proxy_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **proxy_env}
    command = [sys.executable, "-m", "portals", "crawl", "hpstic", "--db", str(db),
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    with replay_server([FIXTURES / "hpstic"]) as replay:
        first = crawl(db, replay.proxy_environment())
        first_requests = list(replay.requested)
        second = crawl(db, replay.proxy_environment())
    return db, first, second, first_requests


def test_crawl_succeeds(crawled) -> None:
    _, first, second, _ = crawled
    assert first.returncode == 0, first.stderr[-4000:]
    assert second.returncode == 0, second.stderr[-4000:]
    assert "hpstic: ok" in first.stdout


def test_every_listed_article_is_stored_once(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    urls = [row["url"] for row in db.query("SELECT url FROM articles ORDER BY published")]
    assert len(urls) == len(set(urls)) == 5
    assert SEED_URL in urls


def test_pagination_stops_at_the_first_page_without_new_articles(crawled) -> None:
    requested = crawled[3]
    assert f"{LISTING}?page=3" in requested  # out-of-range page returning page 2 again
    assert f"{LISTING}?page=4" not in requested
    assert "http://hpstic.vn/robots.txt" in requested
    sidebar_only = (
        "http://hpstic.vn/news/Hoi-thao-ung-dung-tri-tue-nhan-tao-trong-quan-ly-do-thi-21440.html"
    )
    assert sidebar_only not in requested
    assert all(url.startswith("http://hpstic.vn/") for url in requested)


def test_seed_article_row(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    row = next(db.query("SELECT * FROM articles WHERE url = ?", [SEED_URL]))
    assert row["title"] == (
        "Sở Khoa học và Công nghệ sơ kết công tác 6 tháng đầu năm, bổ khuyết nhiệm vụ "
        "6 tháng cuối năm 2024"
    )
    assert row["published"] == "2024-06-21T00:00:00+07:00"
    assert (row["author"], row["author_org"]) == ("Trần Hùng", "Sở KH&CN Hải Phòng")
    assert row["site"] == "hpstic" and row["province_current"] == "Hải Phòng"
    assert row["category"] == "Tin KH & CN Hải Phòng"
    assert row["body_text"].startswith("Chiều 20/6") and row["body_text"].endswith("năm 2024./.")
    assert row["image_count"] == 4 and json.loads(row["warnings"]) == []
    captions = [
        r["caption"]
        for r in db.query(
            "SELECT caption FROM images WHERE article_id = ? ORDER BY position", [row["id"]]
        )
    ]
    assert captions[0] == "Quang cảnh Hội nghị." and len(captions) == 4


def test_crawl_runs_are_recorded_with_counts(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    first, second = db.query("SELECT * FROM crawl_runs ORDER BY id")
    assert (first["status"], first["articles_new"], first["articles_failed"]) == ("ok", 5, 0)
    assert first["pages_fetched"] == 9  # robots.txt, 3 listing pages, 5 articles
    assert (second["articles_new"], second["articles_unchanged"]) == (0, 5)
    assert first["finish_reason"] == "finished" and first["finished"] >= first["started"]


def test_search_without_diacritics_finds_the_seed(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    assert SEED_URL in [row["url"] for row in search_articles(db, "hai phong khcn")]
