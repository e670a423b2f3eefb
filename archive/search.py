"""Diacritic-insensitive full-text search, the same way Datasette's canned query does it."""

from __future__ import annotations

import unicodedata

from datasette.utils import escape_fts
from sqlite_utils import Database

# The canned `search` query in metadata.yml runs this same SQL; keep them in step. The snippet
# is cut from body_text (column 2), never from the folded text (which reads "dào tạo").
SEARCH_SQL = """
SELECT articles.id, articles.url, articles.site, articles.published, articles.title,
       snippet(articles_fts, 2, '«', '»', '…', 24) AS snippet
FROM articles_fts JOIN articles ON articles.id = articles_fts.rowid
WHERE articles_fts MATCH :match
ORDER BY bm25(articles_fts)
LIMIT :limit
"""


def fold(text: str) -> str:
    """NFC, then đ/Đ -> d/D: the one letter FTS5's remove_diacritics cannot fold."""
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def fts_query(query: str) -> str:
    """A user's query as a safe FTS5 expression: every word or quoted phrase is a literal."""
    return escape_fts(fold(query))


def search_articles(db: Database, query: str, limit: int = 20) -> list[dict]:
    """Articles matching every word (or quoted phrase) of the query, best match first."""
    if not query.strip():
        return []
    return list(db.query(SEARCH_SQL, {"match": fts_query(query), "limit": limit}))
