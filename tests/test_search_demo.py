"""Search on the demo archive (every bundled site), as a journalist types it: without
diacritics, a quoted phrase, đ typed as d; best matches first; malformed input never errs."""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from archive.publish import make_datasette
from archive.search import fts_query


def search(db: Path, query: str, **filters: str) -> list[dict]:
    datasette = make_datasette(db)
    extra = "".join(f"&{key}={quote(value)}" for key, value in filters.items())

    async def fetch() -> list[dict]:
        response = await datasette.client.get(
            f"/demo/search.json?q={quote(query)}{extra}&_shape=objects"
        )
        assert response.status_code == 200, response.text[:300]
        return response.json()["rows"]

    return asyncio.run(fetch())


def plain(text: str) -> str:
    """Lower case without marks, đ as d: how the index sees words."""
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(
    ("query", "words"),
    [("chuyen doi so", ["chuyen", "doi", "so"]), ("dao tao", ["dao", "tao"])],
)
def test_unaccented_words_find_articles_that_have_them(demo_archive, query, words) -> None:
    rows = search(demo_archive, query)
    assert len(rows) >= 5
    for row in rows:
        text = plain(f"{row['title']} {row['snippet']}")
        assert any(word in text for word in words), row["title"]


def test_the_best_match_comes_first(demo_archive) -> None:
    rows = search(demo_archive, "chuyen doi so doanh nghiep nho va vua")
    assert rows[0]["title"] == "Hải Phòng đẩy mạnh chuyển đổi số trong doanh nghiệp nhỏ và vừa"


def test_results_are_in_relevance_order(demo_archive) -> None:
    from archive.db import open_db

    rows = search(demo_archive, "dao tao")
    db = open_db(demo_archive)
    scores = {
        row["id"]: row["score"]
        for row in db.query(
            "SELECT rowid AS id, bm25(articles_fts) AS score FROM articles_fts "
            "WHERE articles_fts MATCH ?",
            [fts_query("dao tao")],
        )
    }
    ranked = [scores[row["id"]] for row in rows]
    assert ranked == sorted(ranked)


def test_a_quoted_phrase_is_a_phrase(demo_archive) -> None:
    rows = search(demo_archive, '"khoa học"')
    assert rows
    for row in rows[:10]:
        text = f"{row['title']} {row['snippet']}".lower()
        assert "khoa học" in text.replace("«", "").replace("»", "")


def test_filters_narrow_the_ranked_search(demo_archive) -> None:
    rows = search(demo_archive, "khoa hoc", site="haiduong_dost", since="2024-01-01")
    assert rows and {row["site"] for row in rows} == {"haiduong_dost"}
    assert all(row["published"] >= "2024-01-01" for row in rows if row["published"])
    assert search(demo_archive, "khoa hoc", province="Hải Dương") != []
    assert {r["site"] for r in search(demo_archive, "khoa hoc", province_now="Cần Thơ")} <= {
        "cantho_sokhcn", "cantho_stnews", "haugiang_skhcn"
    }  # fmt: skip


@pytest.mark.parametrize("query", ['"unbalanced', "*", "- minus", "KH&CN", "a OR", "((", "NEAR("])
def test_malformed_queries_never_err(demo_archive, query: str) -> None:
    search(demo_archive, query)
