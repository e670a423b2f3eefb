"""The archive's schema, as ordered sqlite-utils migrations. Add a new function; never edit one
that has shipped."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("khcn-archive")

# Search helper: the text of the indexed columns with đ/Đ folded to d/D, which the
# unicode61 tokenizer does not fold by itself (research/datasette_ops.md §1.3). VIRTUAL, so
# it stores nothing and is always in sync; it is hidden from Datasette views and exports.
SEARCH_FOLDED = (
    "replace(replace(coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || "
    "coalesce(body_text, '') || ' ' || coalesce(author, ''), 'đ', 'd'), 'Đ', 'D')"
)
FTS_COLUMNS = ["title", "summary", "body_text", "author", "search_folded"]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE sites (
            slug TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            department TEXT,
            province TEXT,
            province_current TEXT,
            homepage TEXT,
            platform TEXT,
            status TEXT,
            notes TEXT
        )"""
    )
    db.execute(
        f"""
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            site TEXT NOT NULL REFERENCES sites(slug),
            title TEXT NOT NULL,
            summary TEXT,
            published TEXT,
            author TEXT,
            author_org TEXT,
            source TEXT,
            category TEXT,
            province TEXT,
            province_current TEXT,
            body_text TEXT NOT NULL,
            body_html TEXT,
            language TEXT,
            image_count INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL,
            methods TEXT,
            warnings TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            year INTEGER GENERATED ALWAYS AS (CAST(substr(published, 1, 4) AS INTEGER)) VIRTUAL,
            month TEXT GENERATED ALWAYS AS (substr(published, 1, 7)) VIRTUAL,
            search_folded TEXT GENERATED ALWAYS AS ({SEARCH_FOLDED}) VIRTUAL
        )"""
    )
    db.execute(
        """
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            caption TEXT,
            alt TEXT,
            UNIQUE (article_id, position)
        )"""
    )
    db.execute(
        """
        CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(slug),
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            finish_reason TEXT,
            pages_fetched INTEGER NOT NULL DEFAULT 0,
            bytes_fetched INTEGER NOT NULL DEFAULT 0,
            articles_new INTEGER NOT NULL DEFAULT 0,
            articles_updated INTEGER NOT NULL DEFAULT 0,
            articles_unchanged INTEGER NOT NULL DEFAULT 0,
            articles_failed INTEGER NOT NULL DEFAULT 0,
            errors TEXT
        )"""
    )
    for table, columns in [
        ("articles", ["site"]),
        ("articles", ["published"]),
        ("articles", ["category"]),
        ("articles", ["author"]),
        ("articles", ["year"]),
        ("articles", ["month"]),
        ("crawl_runs", ["site", "started"]),
    ]:
        db[table].create_index(columns)
    db["articles"].enable_fts(FTS_COLUMNS, tokenize=FTS_TOKENIZER, create_triggers=True)
