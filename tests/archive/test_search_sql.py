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
from archive.search import search_articles

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
