"""Diacritic-insensitive full-text search, the same way Datasette's canned query does it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlite_utils import Database

# The canned `search` query in metadata.yml and the reading room's search rank the same way
# (ties by id; tests/archive/test_search_sql.py proves the three agree). The snippet
# is cut from body_text (column 2), never from the folded text (which reads "dào tạo").
# Two steps (issue 7 §8): rank in the index alone, then join the articles and cut snippets for
# the page only; joining before the ORDER BY read every matching row of the wide articles table.
# CROSS JOIN keeps that order: left to itself, SQLite scans every match again in the second step.
SEARCH_SQL = """
WITH ranked AS (
    SELECT rowid AS id, bm25(articles_fts) AS score FROM articles_fts
    WHERE articles_fts MATCH :match ORDER BY score, rowid LIMIT :limit
)
SELECT articles.id, articles.url, articles.site, articles.published, articles.title,
       snippet(articles_fts, 2, '«', '»', '…', 24) AS snippet
FROM ranked
CROSS JOIN articles_fts ON articles_fts.rowid = ranked.id
JOIN articles ON articles.id = ranked.id
WHERE articles_fts MATCH :match
ORDER BY ranked.score, ranked.id
"""


# The one letter FTS5's remove_diacritics cannot fold, and what it folds to: the single
# definition of the folding the index, the canned query and Python share.
FOLDED_LETTERS = (("đ", "d"), ("Đ", "D"))
SQL_FOLD_FUNCTION = "khcn_fold"


def fold(text: str) -> str:
    """NFC, then đ/Đ -> d/D (FOLDED_LETTERS)."""
    text = unicodedata.normalize("NFC", text)
    for letter, folded in FOLDED_LETTERS:
        text = text.replace(letter, folded)
    return text


def sql_fold(expression: str) -> str:
    """``fold`` written in plain SQL (for the index's view and triggers, so that the archive
    file stays readable and writable by any SQLite tool, which lacks ``khcn_fold``)."""
    for letter, folded in FOLDED_LETTERS:
        expression = f"replace({expression}, '{letter}', '{folded}')"
    return expression


def register_fold(conn: Any) -> None:
    """``khcn_fold(text)``, ``fold`` as a SQL function, on a sqlite3 connection (the archive's,
    and each of Datasette's: the canned `search` query folds its words with it)."""
    conn.create_function(
        SQL_FOLD_FUNCTION, 1, lambda text: None if text is None else fold(str(text)),
        deterministic=True,
    )  # fmt: skip


_NOT_WORD = re.compile(r"[\W_]+")


class _BareLetters(dict[int, str]):
    """Each character met, once: its decomposition without combining marks, case-folded, "ð"
    a d. ``str.translate`` with it folds a whole text in C (1.5× faster than a loop over the
    decomposed text, the same result: decomposition, mark removal and case folding all work
    character by character)."""

    def __missing__(self, code: int) -> str:
        marks_apart = unicodedata.normalize("NFD", chr(code))
        bare = "".join(c for c in marks_apart if not unicodedata.combining(c)).casefold()
        self[code] = bare = bare.replace("ð", "d")
        return bare


_BARE_LETTERS = _BareLetters()


def fold_for_matching(text: str) -> str:
    """Text as a person may type it, for comparing with stored values (never for storing):
    ``fold`` (NFC, đ->d), every combining mark dropped (ả -> a), lower case (and "ð", which
    legacy text writes for "đ", a d), each run of anything but letters and digits one space:
    "TP. Hồ Chí Minh" -> "tp ho chi minh"."""
    return " ".join(_NOT_WORD.sub(" ", fold(text).translate(_BARE_LETTERS)).split())


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def fts_query(query: str) -> str:
    """A user's query as a safe FTS5 expression: every word or quoted phrase is a literal
    (control characters, which FTS5 cannot quote, are spaces)."""
    from datasette.utils import escape_fts  # Datasette's quoting; imported only where searched

    return escape_fts(_CONTROL.sub(" ", fold(query)))


def search_articles(db: Database, query: str, limit: int = 20) -> list[dict]:
    """Articles matching every word (or quoted phrase) of the query, best match first."""
    if not query.strip():
        return []
    return list(db.query(SEARCH_SQL, {"match": fts_query(query), "limit": limit}))
