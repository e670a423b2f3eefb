"""A real crawl of every registered site: the Scrapy engine, the pipeline and SQLite, against
the saved pages replayed on 127.0.0.1 (the crawler's http(s)_proxy points at the replay
server; nothing leaves the machine). The same crawl runs twice: the second finds no change."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
import sqlite_utils

from archive.search import search_articles
from portals.demo.replay import _is_image, local_crawl_command, replay_server
from portals.parsing.urls import canonical_url
from portals.registry import all_sites
from tests.conftest import FIXTURES, ROOT, gold_articles, saved_page

SEED_URL = (
    "http://hpstic.vn/news/So-Khoa-hoc-va-Cong-nghe-so-ket-cong-tac-6-thang-dau-nam-"
    "bo-khuyet-nhiem-vu-6-thang-cuoi-nam-2024-21437.html"
)
LISTING = "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html"
SITES = sorted(all_sites())


def crawl(db: Path, proxy_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **proxy_env}
    command = local_crawl_command(SITES, db)
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    with replay_server([FIXTURES / slug for slug in SITES]) as replay:
        first = crawl(db, replay.proxy_environment())
        first_requests = list(replay.requested)
        second = crawl(db, replay.proxy_environment())
        second_requests = replay.requested[len(first_requests) :]
        known = {*replay.snapshot.pages, *(p.url for p in replay.snapshot.posts)}
        known |= set(replay.snapshot.redirects)
    return db, first, second, first_requests, known, second_requests


@pytest.fixture(scope="module")
def runs(crawled) -> dict[str, list[dict]]:
    by_site: dict[str, list[dict]] = {}
    for run in sqlite_utils.Database(crawled[0]).query("SELECT * FROM crawl_runs ORDER BY id"):
        by_site.setdefault(run["site"], []).append(run)
    return by_site


def test_both_crawls_succeed(crawled) -> None:
    _, first, second, *_ = crawled
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "hpstic: ok" in first.stdout


@pytest.mark.parametrize("slug", SITES)
def test_every_site_run_is_clean(runs, slug: str) -> None:
    first, second = runs[slug]
    assert first["status"] == "ok", first
    assert first["finish_reason"] == "finished" and first["finished"] >= first["started"]
    assert json.loads(first["errors"]) == {} and first["articles_failed"] == 0
    assert second["status"] == "ok", second
    assert second["articles_new"] == second["articles_updated"] == second["articles_failed"] == 0


@pytest.mark.parametrize("gold", gold_articles(), ids=lambda g: g.id)
def test_every_gold_article_is_stored_once(crawled, gold) -> None:
    db = sqlite_utils.Database(crawled[0])
    url = canonical_url(saved_page(gold.site, gold.file).url, all_sites()[gold.site].homepage)
    rows = list(
        db.query(
            "SELECT a.title FROM article_urls u JOIN articles a ON a.id = u.article_id "
            "WHERE u.url = ?",
            [url],
        )
    )
    assert [row["title"] for row in rows] == [gold.fields["title"]]


def test_no_url_is_stored_twice(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    urls = [row["url"] for row in db.query("SELECT url FROM articles")]
    assert len(urls) == len(set(urls))
    assert set(urls) <= {row["url"] for row in db.query("SELECT url FROM article_urls")}


def test_the_crawler_asks_only_for_what_the_portals_serve(crawled) -> None:
    requested, known = crawled[3], crawled[4]
    unexpected = {url for url in requested if url not in known and not url.endswith("robots.txt")}
    # images are answered with placeholders drawn from their URL (the snapshot has no photos)
    assert {url for url in unexpected if not _is_image(url)} == set()


def test_pagination_stops_at_the_first_page_without_new_articles(crawled) -> None:
    requested = crawled[3]
    assert f"{LISTING}?page=3" in requested  # out-of-range page returning page 2 again
    assert f"{LISTING}?page=4" not in requested
    assert "http://hpstic.vn/robots.txt" in requested
    sidebar_only = (
        "http://hpstic.vn/news/Hoi-thao-ung-dung-tri-tue-nhan-tao-trong-quan-ly-do-thi-21440.html"
    )
    assert sidebar_only not in requested


def test_seed_article_row(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    row = next(db.query("SELECT * FROM articles WHERE url = ?", [SEED_URL]))
    assert row["published"] == "2024-06-21T00:00:00+07:00"
    assert (row["author"], row["author_org"]) == ("Trần Hùng", "Sở KH&CN Hải Phòng")
    assert row["site"] == "hpstic" and row["province"] == row["province_current"] == "Hải Phòng"
    assert row["image_count"] == 4 and json.loads(row["warnings"]) == []
    captions = [
        r["caption"]
        for r in db.query(
            "SELECT caption FROM images WHERE article_id = ? ORDER BY position", [row["id"]]
        )
    ]
    assert captions[0] == "Quang cảnh Hội nghị." and len(captions) == 4


def test_hpstic_counts(crawled, runs) -> None:
    first, second = runs["hpstic"]
    db = sqlite_utils.Database(crawled[0])
    images = db.execute("SELECT count(*) FROM images i JOIN articles a ON a.id = i.article_id "
                        "WHERE a.site = 'hpstic'").fetchone()[0]  # fmt: skip
    # robots.txt, 3 listing pages, 5 articles and their images
    assert (first["articles_new"], first["pages_fetched"]) == (5, 9 + images)
    assert second["pages_fetched"] == 2  # robots.txt, and page 1 answering 304


def test_search_without_diacritics_finds_the_seed(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    assert SEED_URL in [row["url"] for row in search_articles(db, "hai phong khcn")]


def test_an_article_republished_on_the_province_portal_is_stored_once(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    name = "article-huong-ung-ngay-khcn-18-5.html"
    urls = [saved_page(site, name).url for site in ("ninhbinh_sokhcn", "ninhbinh_portal")]
    rows = list(
        db.query(
            "SELECT u.url, u.site, a.site AS stored_from FROM article_urls u "
            "JOIN articles a ON a.id = u.article_id WHERE u.url IN (?, ?)",
            urls,
        )
    )
    assert sorted(row["url"] for row in rows) == sorted(urls)
    assert len({row["stored_from"] for row in rows}) == 1  # one article row, two URLs


def test_a_retired_url_redirecting_to_the_merged_portal_is_gone_not_an_article(
    crawled, runs
) -> None:
    db = sqlite_utils.Database(crawled[0])
    url = (
        "https://skhcn.haugiang.gov.vn/chi-tiet/-/tin-tuc/"
        "Kiem-tra-nha-nuoc-ve-do-luong-doi-voi-cua-hang-kinh-doanh-xang-dau95790"
    )
    gone = list(db.query("SELECT * FROM gone_urls WHERE url = ?", [url]))
    assert [(row["site"], row["target"]) for row in gone] == [
        ("haugiang_skhcn", "https://www.cantho.gov.vn/")
    ]
    assert db["article_urls"].count_where("url = ?", [url]) == 0
    assert db["articles"].count_where("url LIKE 'https://www.cantho.gov.vn/%'") == 0
    assert runs["haugiang_skhcn"][0]["urls_gone"] == 1


def test_province_at_publication_and_now(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    provinces = {
        (row["province"], row["province_current"])
        for row in db.query("SELECT province, province_current FROM articles WHERE site = ?",
                            ["haiduong_dost"])
    }  # fmt: skip
    assert provinces == {("Hải Dương", "Hải Phòng")}


def test_images_are_archived_once_by_content(crawled) -> None:
    db = sqlite_utils.Database(crawled[0])
    folder = crawled[0].with_name("archive-images")
    rows = list(db.query("SELECT url, sha256, path, size FROM images"))
    assert rows and all(row["sha256"] and row["path"] for row in rows)
    for row in rows:
        stored = folder / row["path"]
        assert stored.stat().st_size == row["size"]
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == row["sha256"]
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert len(files) == len({path.stem for path in files})  # one file per content
    assert {row["sha256"] for row in rows} <= {path.stem for path in files}


def test_an_unchanged_recrawl_asks_only_for_the_first_listing_pages(crawled) -> None:
    """Incremental: page 1 of each listing is asked for with its ETag and answers 304 Not
    Modified; no article page, no image, no later listing page is requested again."""
    second_requests = crawled[5]
    first_pages = {url for slug in SITES for url in all_sites()[slug].listing_urls}
    asked = {url for url in second_requests if not url.endswith("/robots.txt")}
    assert asked == first_pages


def test_parsing_in_worker_processes_stores_what_parsing_inline_does(tmp_path: Path) -> None:
    # An article found on two hosts is stored once, as the host whose page came back first
    # parsed it (an order the worker processes may change): those are compared by their URLs.
    single_host = """
        SELECT u.url, a.title, a.published, a.author, a.source, a.category, a.body_text,
               a.body_html
        FROM article_urls u JOIN articles a ON a.id = u.article_id
        WHERE u.article_id IN (
            SELECT article_id FROM article_urls GROUP BY article_id HAVING count(*) = 1)"""
    several_hosts = """
        SELECT group_concat(url, ' ') FROM (SELECT article_id, url FROM article_urls
        ORDER BY url) GROUP BY article_id HAVING count(*) > 1"""
    stored = {}
    for processes in ("0", "2"):
        db = tmp_path / f"parse-processes-{processes}.db"
        with replay_server([FIXTURES / slug for slug in SITES]) as replay:
            env = {**replay.proxy_environment(), "KHCN_PARSE_PROCESSES": processes}
            done = crawl(db, env)
        assert done.returncode == 0, done.stderr[-3000:]
        archive = sqlite_utils.Database(db)
        stored[processes] = (
            set(archive.execute(single_host).fetchall()),
            set(archive.execute(several_hosts).fetchall()),
        )
        titles = {row[0] for row in archive.execute("SELECT title FROM articles").fetchall()}
        assert {gold.fields["title"] for gold in gold_articles()} <= titles
    assert stored["0"][1]  # the fixtures hold articles republished on another host
    assert stored["2"] == stored["0"]
