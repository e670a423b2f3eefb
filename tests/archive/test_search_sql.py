"""The ranked search is one query wherever it is asked: `archive.search.search_articles`
(Python), the canned `search` query of metadata.yml (SQL users, JSON) and the reading room's
search page rank the same articles in the same order, with and without a filter, with or
without diacritics."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from archive.publish import make_datasette
from archive.reading_room.search_page import SearchRequest, page_rows
from archive.search import fold, register_fold, search_articles, sql_fold

QUERIES = ["khoa hoc", "chuyen doi so", "đào tạo", "dao tao", '"thủy sản"', "nghiem thu de tai"]


@pytest.fixture(scope="module")
def datasette(demo_archive: Path):
    return make_datasette(demo_archive)


def canned(datasette, query: str, site: str = "") -> list[int]:
    params = {"q": query, "site": site, "_shape": "array"}
    response = asyncio.run(datasette.client.get("/demo/search.json", params=params))
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()]


def reading_room(archive: Path, query: str, site: str = "") -> list[int]:
    chosen = {"site": (site,)} if site else {}
    with sqlite3.connect(archive) as conn:
        found, page = [], 1
        while True:
            rows = page_rows(conn, SearchRequest(words=query, chosen=chosen, page=page))
            found += [row["id"] for row in rows]
            if len(rows) < 20:
                return found
            page += 1


@pytest.mark.parametrize("query", QUERIES)
def test_the_three_ranked_searches_agree(datasette, demo_archive: Path, query: str) -> None:
    python = [row["id"] for row in search_articles(sqlite_utils.Database(demo_archive), query, 500)]
    assert python, query
    assert canned(datasette, query) == python
    assert reading_room(demo_archive, query) == python


@pytest.mark.parametrize("query", QUERIES[:3])
def test_a_filtered_ranked_search_agrees(datasette, demo_archive: Path, query: str) -> None:
    assert canned(datasette, query, "hpstic") == reading_room(demo_archive, query, "hpstic")


VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


def test_one_folding_in_python_in_the_index_sql_and_as_a_sql_function() -> None:
    """`fold` is the folding; the index's view spells it in plain SQL (readable by any SQLite
    tool) and every archive and Datasette connection has it as khcn_fold()."""
    text = f"{VIETNAMESE} {VIETNAMESE.upper()} Đào tạo ĐỔI MỚI"
    conn = sqlite3.connect(":memory:")
    register_fold(conn)
    in_sql = conn.execute(f"SELECT {sql_fold('?')}", [text]).fetchone()[0]
    as_function = conn.execute("SELECT khcn_fold(?)", [text]).fetchone()[0]
    assert fold(text) == in_sql == as_function
    assert "đ" not in fold(text) and "Đ" not in fold(text) and "ạ" in fold(text)


def test_the_canned_query_and_the_index_use_the_one_folding(demo_archive: Path) -> None:
    metadata = (Path(__file__).parents[2] / "metadata.yml").read_text(encoding="utf-8")
    assert "'đ'" not in metadata and metadata.count("escape_fts(khcn_fold(:q))") == 2
    rows = (
        sqlite3.connect(demo_archive)
        .execute("SELECT title, summary, body_text, author, search_folded FROM articles_fts_source")
        .fetchall()
    )
    assert any("đ" in row[0].casefold() for row in rows)
    for *columns, indexed in rows:  # the index reads exactly `fold` of the indexed text
        assert indexed == fold(" ".join(c or "" for c in columns))
