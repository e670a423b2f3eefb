"""`khcn serve` keeps pages until the archive changes: a real server, a real archive file."""

from __future__ import annotations

import shutil
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlite_utils

from tests.conftest import khcn_serve


def get(url: str, headers: dict[str, str] | None = None) -> tuple[str | None, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("x-khcn-cache"), response.read()


def test_a_page_is_computed_once_until_the_archive_changes(demo_archive: Path, tmp_path: Path):
    db = tmp_path / "archive.db"
    shutil.copy(demo_archive, db)
    with khcn_serve(db) as root:
        page = f"{root}/archive/articles?_sort_desc=published"
        first, body = get(page)
        again, same = get(page)
        assert (first, again) == ("miss", "hit") and same == body
        archive = sqlite_utils.Database(db)
        newest = next(archive.query("SELECT id FROM articles ORDER BY published DESC LIMIT 1"))
        archive["articles"].update(newest["id"], {"title": "Tiêu đề đã sửa sau lần thu thập"})
        archive.close()
        after, changed = get(page)
        assert after == "miss"
        assert "Tiêu đề đã sửa sau lần thu thập" in changed.decode("utf-8")
        assert get(page)[0] == "hit"


def test_streamed_csv_and_requests_with_cookies_are_never_kept(demo_archive: Path) -> None:
    with khcn_serve(demo_archive) as root:
        name = demo_archive.stem
        csv = f"{root}/{name}/articles.csv?_stream=on&_size=max"
        assert get(csv)[0] is None and get(csv)[0] is None
        page = f"{root}/{name}/articles"
        assert get(page, {"Cookie": "ds_actor=x"})[0] is None
        assert get(page, {"Cookie": "ds_actor=x"})[0] is None


def test_readers_asking_at_once_wait_for_one_computation(demo_archive: Path) -> None:
    with khcn_serve(demo_archive) as root:
        page = f"{root}/{demo_archive.stem}/articles?_facet=author&_sort=title"
        with ThreadPoolExecutor(8) as readers:
            answers = list(readers.map(lambda _: get(page), range(8)))
    assert sorted(outcome for outcome, _ in answers) == ["hit"] * 7 + ["miss"]
    assert len({body for _, body in answers}) == 1
