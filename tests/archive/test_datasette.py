"""Datasette in-process with the project's metadata.yml: pages, search and the canned query."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archive import store
from archive.db import open_db
from archive.export import COLUMNS
from archive.publish import load_metadata, make_datasette
from tests.archive.test_store import ARTICLES, SITE


@pytest.fixture
def datasette(db_path: Path):
    db = open_db(db_path)
    store.save_site(db, SITE)
    store.save_articles(db, ARTICLES, "2024-06-25T01:00:00+00:00")
    db.close()
    return make_datasette(db_path)


def get(datasette, path: str):
    async def fetch():
        return await datasette.client.get(path)

    return asyncio.run(fetch())


@pytest.mark.parametrize(
    "path",
    ["/", "/archive", "/archive/articles", "/archive/images", "/archive/sites",
     "/archive/crawl_runs", "/archive/articles/1", "/archive/search?q=dao+tao"],
)  # fmt: skip
def test_pages_answer(datasette, path: str) -> None:
    assert get(datasette, path).status_code == 200


def test_metadata_is_applied_to_the_served_file(datasette) -> None:
    data = get(datasette, "/archive/articles.json?_shape=objects&_extra=facet_results").json()
    assert {"site", "category", "author", "year"} <= set(data["facet_results"])
    html = get(datasette, "/archive/articles").text
    assert "One row per article" in html and "Content © the originating portals" in html


def test_metadata_rekeys_to_any_file_name(tmp_path: Path) -> None:
    metadata = load_metadata(tmp_path / "demo.db")
    assert "demo" in metadata["databases"] and "archive" not in metadata["databases"]


@pytest.mark.parametrize(
    ("query", "title"),
    [("chuyen doi so", "Hải Phòng đẩy mạnh chuyển đổi số"),
     ("dao tao", "Đào tạo nhân lực khoa học trẻ"),
     ("đào tạo", "Đào tạo nhân lực khoa học trẻ")],
)  # fmt: skip
def test_table_search_box_is_diacritic_insensitive(datasette, query: str, title: str) -> None:
    rows = get(datasette, f"/archive/articles.json?_search={query}&_shape=objects").json()["rows"]
    assert [r["title"] for r in rows] == [title]


def test_canned_search_ranks_and_snippets(datasette) -> None:
    rows = get(datasette, "/archive/search.json?q=hai+phong&_shape=objects").json()["rows"]
    assert [r["title"] for r in rows] == ["Hải Phòng đẩy mạnh chuyển đổi số"]
    assert "«Hải» «Phòng»" in rows[0]["snippet"] or "«Hải Phòng»" in rows[0]["snippet"]


@pytest.mark.parametrize("query", ['"unbalanced', "*", "- minus", "KH&CN"])
def test_canned_search_survives_bad_syntax(datasette, query: str) -> None:
    assert get(datasette, f"/archive/search.json?q={query}").status_code == 200


def test_served_read_only(datasette) -> None:
    response = get(datasette, "/archive.json?sql=delete+from+articles")
    assert response.status_code == 400
    assert get(datasette, "/archive/articles.json?_shape=objects").json()["rows"]


@pytest.mark.parametrize(
    "path", ["/archive/articles.json?_shape=objects", "/archive/articles/1.json"]
)
def test_search_helper_text_never_shows(datasette, path: str) -> None:
    response = get(datasette, path)
    row = response.json()["rows"][0]
    columns = set(row) if isinstance(row, dict) else set(response.json()["columns"])
    assert "title" in columns and "search_folded" not in columns


def test_csv_export_has_only_article_columns(datasette) -> None:
    header = get(datasette, "/archive/articles.csv?_stream=on").text.splitlines()[0].split(",")
    assert header == list(
        COLUMNS
    )  # the curated set of `khcn export` (archive/reading_room/tables.py)
    assert "search_folded" not in header


def test_every_column_of_every_table_is_described(datasette, db_path: Path) -> None:
    """metadata.yml describes each table and column (Vietnamese · English): a new column
    without a description fails here."""
    tables = load_metadata(db_path)["databases"][db_path.stem]["tables"]
    db = open_db(db_path)
    names = [t for t in db.table_names() if not t.startswith(("articles_fts", "_sqlite"))]
    for table in names:
        columns = [row["name"] for row in db.query(f"PRAGMA table_xinfo('{table}')")]
        described = tables.get(table, {}).get("columns", {})
        assert [c for c in columns if c not in described] == [], table
        assert " · " in tables[table]["description"], table
