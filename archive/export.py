"""Exports for researchers: the articles matching filters (sites, provinces, a date range, a
search query) as CSV, JSON Lines or Parquet, streamed from SQLite so any size fits in memory.

Every matching row is written exactly once (one query, no pagination), with the same columns
whatever the filters: the curated COLUMNS, or the articles columns asked for (helper and HTML
columns such as body_html, methods or content_hash only on request). CSV is UTF-8 with a
byte-order mark, so that spreadsheet software (Excel in particular) reads Vietnamese correctly
instead of guessing a legacy code page.
"""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from archive.filters import UnknownValue, conditions
from archive.search import fts_query

Format = Literal["csv", "jsonl", "parquet"]
COLUMNS = (
    "id", "url", "site", "province", "province_current", "published", "title", "author",
    "author_org", "source", "category", "summary", "body_text", "image_count", "warc_file",
    "warc_offset",
)  # fmt: skip
PARQUET_BATCH = 2000


@dataclass(frozen=True)
class Filters:
    """Which articles to export, as stored values (archive/filters.py turns typed ones into
    them): a row matches one of the values given for each filter; an empty one matches all."""

    sites: Sequence[str] = ()
    provinces: Sequence[str] = ()  # at publication
    provinces_now: Sequence[str] = ()  # since 1 July 2025
    categories: Sequence[str] = ()
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    query: str | None = None  # search words, with or without diacritics

    def sql(self, columns: Sequence[str] = COLUMNS) -> tuple[str, dict[str, Any]]:
        where, params = conditions(
            {
                "site": self.sites,
                "province": self.provinces,
                "province_current": self.provinces_now,
                "category": self.categories,
            },
            self.since,
            self.until,
        )
        if self.query and self.query.strip():
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match)")
            params["match"] = fts_query(self.query)
        selected = ", ".join(f'a."{c}"' for c in columns)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {selected} FROM articles a{clause} ORDER BY a.id", params


def article_columns(db: Database) -> dict[str, str]:
    """Every column of ``articles`` (the generated year and month too) and its declared type."""
    return {row[1]: row[2].upper() for row in db.execute("PRAGMA table_xinfo(articles)")}


def choose_columns(
    db: Database, requested: Sequence[str] = (), all_columns: bool = False
) -> tuple[str, ...]:
    """The columns of an export: the ``requested`` ones in their order (each an articles
    column, else UnknownValue), every column (the curated ones first) with ``all_columns``,
    else COLUMNS."""
    known = article_columns(db)
    if all_columns:
        return (*COLUMNS, *(c for c in known if c not in COLUMNS))
    if not requested:
        return COLUMNS
    for name in requested:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3) or sorted(known)
            raise UnknownValue("column", name, close)
    return tuple(dict.fromkeys(requested))


def rows(
    db: Database, filters: Filters, columns: Sequence[str] = COLUMNS
) -> Iterator[dict[str, Any]]:
    sql, params = filters.sql(columns)
    yield from db.query(sql, params)


def export(
    db: Database, filters: Filters, out: Path, fmt: Format, columns: Sequence[str] = COLUMNS
) -> int:
    """Write the matching articles (``columns`` of them, see choose_columns) to ``out``;
    return how many."""
    records = rows(db, filters, columns)
    if fmt == "csv":
        return _csv(records, out, columns)
    if fmt == "jsonl":
        return _jsonl(records, out)
    if fmt == "parquet":
        return _parquet(records, out, columns, article_columns(db))
    raise ValueError(f"unknown export format {fmt!r}")


def _csv(records: Iterator[dict[str, Any]], out: Path, columns: Sequence[str]) -> int:
    count = 0
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        for count, record in enumerate(records, 1):  # noqa: B007 (the count is the result)
            writer.writerow(record)
    return count


def _jsonl(records: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for count, record in enumerate(records, 1):  # noqa: B007
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def _parquet(
    records: Iterator[dict[str, Any]], out: Path, columns: Sequence[str], types: dict[str, str]
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    schema = pa.schema([(c, arrow.get(types.get(c, ""), pa.string())) for c in columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(record)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch.clear()
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
