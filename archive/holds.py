"""Captures held instead of applied (archive/suspects.py decides which): kept with the reason,
listed for the operator, and applied to the archive when accepted (`khcn held --accept`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from archive.clock import now_utc
from archive.suspects import Verdict


def hold(db: Database, record: Mapping[str, Any], verdict: Verdict, run_id: int | None) -> None:
    """Keep a capture aside (inside the caller's transaction): its record, why, and where its
    raw page is in WARC. The same capture held again (a reparse, the next run meeting the same
    maintenance page) is not listed twice."""
    waiting = db.execute(
        "SELECT 1 FROM held_captures WHERE url = ? AND accepted_at IS NULL AND title IS ? "
        "AND json_extract(record, '$.body_text') IS ?",
        [record["url"], record.get("title"), record.get("body_text")],
    ).fetchone()
    if waiting:
        return
    db["held_captures"].insert(
        {
            "url": record["url"], "site": record.get("site") or "", "run_id": run_id,
            "kind": verdict.kind, "reason": verdict.reason, "title": record.get("title"),
            "record": json.dumps(dict(record), ensure_ascii=False, default=str),
            "held_at": record.get("fetched_at") or now_utc(), "warc_file": record.get("warc_file"),
            "warc_offset": record.get("warc_offset"),
        }
    )  # fmt: skip


def pending(db: Database, site: str | None = None) -> list[dict[str, Any]]:
    """Held captures no one accepted yet, oldest first."""
    where = "accepted_at IS NULL" + (" AND site = :site" if site else "")
    return list(
        db.query(
            f"SELECT id, url, site, run_id, kind, reason, title, held_at FROM held_captures "
            f"WHERE {where} ORDER BY id",
            {"site": site},
        )
    )


def accepted_records(db: Database, ids: Iterable[int]) -> list[dict[str, Any]]:
    """The records of held captures, latest capture of each URL only, to store as edits."""
    wanted = list(ids)
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    rows = db.query(
        f"SELECT id, url, record FROM held_captures WHERE id IN ({marks}) AND accepted_at IS NULL "
        "ORDER BY id",
        wanted,
    )
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        latest[row["url"]] = json.loads(row["record"])
    return list(latest.values())


def mark_accepted(db: Database, ids: Iterable[int], at: str | None = None) -> None:
    for held_id in ids:
        db["held_captures"].update(held_id, {"accepted_at": at or now_utc()})
