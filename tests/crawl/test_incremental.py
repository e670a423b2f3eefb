"""Incremental crawls of a site that changes between runs: new articles are found and stored,
archived ones are not fetched again unless --refresh (then conditionally: 304 for unchanged,
a new version for an edited one), and --since bounds a crawl by publication date."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlite_utils

from archive.images import is_intact
from portals.demo.replay import local_crawl_command, replay_server
from tests.conftest import FIXTURES, ROOT

LISTING = "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html"
NEWS = "http://hpstic.vn/news/"
SEED = "So-Khoa-hoc-va-Cong-nghe-so-ket-cong-tac-6-thang-dau-nam-bo-khuyet-nhiem-vu-6-thang-cuoi-nam-2024-21437.html"  # noqa: E501
NEW_ARTICLE = "Hoi-thao-ung-dung-tri-tue-nhan-tao-trong-quan-ly-do-thi-21440.html"


def crawl(db: Path, snapshot: Path, *options: str) -> tuple[str, list[str]]:
    with replay_server([snapshot]) as replay:
        env = {**os.environ, **replay.proxy_environment()}
        command = local_crawl_command(["hpstic"], db, *options)
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        return done.stdout, list(replay.requested)


def changed_snapshot(folder: Path) -> Path:
    """hpstic a day later: one more article on page 1, and the seed article edited."""
    snapshot = folder / "hpstic"
    shutil.copytree(FIXTURES / "hpstic", snapshot)
    listing = snapshot / "listing-tin-khcn-hai-phong-p1.html"
    html = listing.read_text(encoding="utf-8")
    first_item = html.index('<div class="news-item">')
    item = html[first_item : html.index("</div>", html.index("</p>", first_item)) + 6]
    added = item.replace(
        item[item.index("/news/") : item.index(".html") + 5], f"/news/{NEW_ARTICLE}"
    )
    listing.write_text(html[:first_item] + added + html[first_item:], encoding="utf-8")
    article = (snapshot / "article-ky-niem-65-nam.html").read_text(encoding="utf-8")
    (snapshot / "article-new.html").write_text(
        article.replace("21452", "21440").replace(
            "Kỷ niệm 65 năm ngày thành lập Sở Khoa học và Công nghệ Hải Phòng",
            "Hội thảo ứng dụng trí tuệ nhân tạo trong quản lý đô thị",
        ),
        encoding="utf-8",
    )
    seed = snapshot / "article-so-ket-6-thang-2024.html"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("127/142 nhiệm vụ", "128/142 nhiệm vụ"),
        encoding="utf-8",
    )
    manifest = snapshot / "manifest.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + f'"{NEWS}{NEW_ARTICLE}" = "article-new.html"\n',
        encoding="utf-8",
    )
    return snapshot


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("incremental")
    db = folder / "archive.db"
    first = crawl(db, FIXTURES / "hpstic")
    changed = changed_snapshot(folder / "snapshot")
    second = crawl(db, changed)
    third = crawl(db, changed, "--refresh")
    return db, first, second, third


def test_a_new_article_is_found_and_nothing_archived_is_fetched_again(runs) -> None:
    db, _, (output, requested), _ = runs
    assert "hpstic: ok" in output and " 1 new," in output
    articles = [url for url in requested if url.startswith(NEWS) and "/cat/" not in url]
    assert articles == [NEWS + NEW_ARTICLE]
    # page 1 brought a new article, so page 2 is read: it holds only archived ones, the end
    assert f"{LISTING}?page=2" in requested and f"{LISTING}?page=3" not in requested
    assert sqlite_utils.Database(db)["articles"].count == 6


def test_refresh_asks_again_conditionally_and_keeps_the_edited_version(runs) -> None:
    db, _, _, (output, requested) = runs
    assert NEWS + SEED in requested and " 1 updated," in output
    database = sqlite_utils.Database(db)
    versions = list(database.query("SELECT body_text FROM article_versions"))
    assert len(versions) == 1 and "127/142" in versions[0]["body_text"]
    current = next(database.query("SELECT body_text FROM articles WHERE url = ?", [NEWS + SEED]))
    assert "128/142" in current["body_text"]
    run = next(database.query("SELECT * FROM crawl_runs ORDER BY id DESC"))
    assert run["articles_unchanged"] == 5  # answered 304 Not Modified


def test_since_bounds_the_crawl_by_publication_date(tmp_path: Path) -> None:
    db = tmp_path / "since.db"
    output, requested = crawl(db, FIXTURES / "hpstic", "--since", "2024-06-20")
    stored = {row["published"][:10] for row in sqlite_utils.Database(db).query(
        "SELECT published FROM articles")}  # fmt: skip
    assert stored == {"2024-06-26", "2024-06-21"}
    assert NEWS + "Nghiem-thu-de-tai-nuoi-trong-thuy-san-tai-Cat-Hai-21433.html" not in requested
    assert f"{LISTING}?page=3" not in requested  # page 2 held only older articles
    assert "hpstic: ok" in output


def test_a_damaged_image_file_is_fetched_again_by_the_next_crawl(tmp_path: Path) -> None:
    """An image file cut short after the crawl that stored it (a full disk, a crash) is found
    at the start of the next crawl, removed, and fetched again: never served damaged."""
    db = tmp_path / "archive.db"
    crawl(db, FIXTURES / "hpstic")
    images = tmp_path / "archive-images"
    image = next(sqlite_utils.Database(db).query(
        "SELECT url, path FROM images WHERE path IS NOT NULL ORDER BY id"))  # fmt: skip
    damaged = images / image["path"]
    damaged.write_bytes(damaged.read_bytes()[:10])
    assert not is_intact(damaged)
    _, requested = crawl(db, FIXTURES / "hpstic")
    assert image["url"] in requested
    assert is_intact(damaged)
    (path,) = {r["path"] for r in sqlite_utils.Database(db).query(
        "SELECT path FROM images WHERE url = ?", [image["url"]])}  # fmt: skip
    assert path == image["path"]
