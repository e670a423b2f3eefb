"""The search page answers the same whichever way it reads the archive (issue 13 §8): words
matching few articles are looked up match by match, words matching many are counted in one
ordered scan of the facet index, a ranked search counts and ranks in one statement. On the
demo archive every request gets the same total, facet counts, years and page from each plan,
and the totals and years those of plain SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.reading_room import search_page
from archive.reading_room.search_page import SearchRequest, count_facets, page_ids, run
from archive.search import register_fold

REQUESTS = [
    SearchRequest(words="khoa hoc"),
    SearchRequest(words="khoa hoc", sort="newest"),
    SearchRequest(words="khoa hoc", sort="oldest", page=2),
    SearchRequest(words="chuyen doi so", chosen={"site": ("hpstic",)}),
    SearchRequest(words="cong nghe", chosen={"year": ("2024", "2023")}, sort="newest"),
    SearchRequest(words="cong nghe", since="2023-01-01", until="2024-12-31"),
    SearchRequest(words="nghiem thu", chosen={"province": ("Hải Phòng",)}, page=1),
    SearchRequest(sort="newest"),
    SearchRequest(chosen={"year": ("2024",)}, sort="oldest"),
]


def answer(conn: sqlite3.Connection, request: SearchRequest) -> tuple:
    result = run(conn, request)
    facets = {name: [(v.value, v.count) for v in values] for name, values in result.facets.items()}
    return result.total, facets, result.years, [row["id"] for row in result.rows]


@pytest.fixture(scope="module")
def conn(demo_archive: Path):
    connection = sqlite3.connect(demo_archive)
    register_fold(connection)
    yield connection
    connection.close()


@pytest.mark.parametrize("request_", REQUESTS, ids=repr)
def test_broad_and_narrow_plans_agree(
    conn: sqlite3.Connection, request_: SearchRequest, monkeypatch
) -> None:
    monkeypatch.setattr(search_page, "BROAD", 10**9)  # every match looked up
    narrow = answer(conn, request_)
    monkeypatch.setattr(search_page, "BROAD", 1)  # every search counted in the index scan
    broad = answer(conn, request_)
    assert narrow == broad
    assert narrow[0] > 0, "the request matches nothing: it tests nothing"


@pytest.mark.parametrize("request_", [r for r in REQUESTS if r.ranked], ids=repr)
def test_ranking_in_one_pass_agrees_with_counting_then_ranking(
    conn: sqlite3.Connection, request_: SearchRequest
) -> None:
    total, counts, years = count_facets(conn, request_)
    result = run(conn, request_)
    assert (result.total, sorted(result.years)) == (total, sorted(years.items()))
    for facet, values in result.facets.items():
        assert [v.count for v in values] == [counts[facet][v.value] for v in values], facet
    assert [row["id"] for row in result.rows] == page_ids(conn, request_)


@pytest.mark.parametrize("words", ["khoa hoc", "chuyen doi so", "cong nghe"])
def test_totals_and_years_are_those_of_plain_sql(conn: sqlite3.Connection, words: str) -> None:
    result = run(conn, SearchRequest(words=words))
    plain = conn.execute(
        "SELECT a.year, count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH ? GROUP BY a.year",
        [search_page.fts_query(words)],
    ).fetchall()
    assert result.total == sum(n for _, n in plain)
    assert result.years == sorted((int(y), n) for y, n in plain if y)
