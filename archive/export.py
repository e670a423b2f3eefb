"""Exports for researchers: the articles matching filters (sites, provinces, a date range, a
search query) as CSV, JSON Lines or Parquet, streamed from SQLite so any size fits in memory.

Every matching row is written exactly once (one query, no pagination), with the same columns
whatever the filters. CSV is UTF-8 with a byte-order mark, so that spreadsheet software (Excel
in particular) reads Vietnamese correctly instead of guessing a legacy code page.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from archive.search import fts_query

Format = Literal["csv", "jsonl", "parquet"]
COLUMNS = (
    "id", "url", "site", "province", "province_current", "published", "title", "summary",
    "author", "author_org", "source", "category", "body_text", "image_count", "language",
    "first_seen", "last_seen", "warc_file", "warc_offset",
)  # fmt: skip
PARQUET_BATCH = 2000


@dataclass(frozen=True)
class Filters:
    """Which articles to export; every filter left empty matches everything."""

    sites: Sequence[str] = ()
    province: str | None = None  # at publication
    province_now: str | None = None  # since 1 July 2025
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    query: str | None = None  # search words, with or without diacritics

    def sql(self) -> tuple[str, dict[str, Any]]:
        where, params = [], {}
        if self.sites:
            names = [f"site{i}" for i in range(len(self.sites))]
            where.append(f"a.site IN ({', '.join(':' + n for n in names)})")
            params.update(zip(names, self.sites, strict=True))
        for column, value in (("province", self.province), ("province_current", self.province_now)):
            if value:
                where.append(f"a.{column} = :{column}")
                params[column] = value
        if self.since:
            where.append("a.published >= :since")
            params["since"] = self.since
        if self.until:
            where.append("a.published < date(:until, '+1 day')")
            params["until"] = self.until
        if self.query and self.query.strip():
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match)")
            params["match"] = fts_query(self.query)
        columns = ", ".join(f"a.{c}" for c in COLUMNS)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {columns} FROM articles a{clause} ORDER BY a.id", params


def rows(db: Database, filters: Filters) -> Iterator[dict[str, Any]]:
    sql, params = filters.sql()
    yield from db.query(sql, params)


def export(db: Database, filters: Filters, out: Path, fmt: Format) -> int:
    """Write the matching articles to ``out``; return how many."""
    writer = {"csv": _csv, "jsonl": _jsonl, "parquet": _parquet}[fmt]
    return writer(rows(db, filters), out)


def _csv(records: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
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


def _parquet(records: Iterator[dict[str, Any]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(c, pa.int64() if c in ("id", "image_count", "warc_offset") else pa.string())
         for c in COLUMNS]
    )  # fmt: skip
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
