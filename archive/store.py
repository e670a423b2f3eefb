"""Writes to the archive: sites, articles with their images, crawl runs. Plain dicts in,
so the archive never depends on the crawler's item classes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

# The fields that make an article's content: page chrome (counters, sidebars) never enters
# them, so the hash only changes when what was published changed.
CONTENT_FIELDS = ("title", "summary", "published", "author", "author_org", "source", "body_text")
COUNT_KEYS = ("new", "updated", "unchanged")


@dataclass
class SaveCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 of the article's content fields and its images (URL and caption, in order)."""
    payload = {key: record.get(key) for key in CONTENT_FIELDS}
    payload["images"] = [[i.get("url"), i.get("caption")] for i in record.get("images", [])]
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def save_site(db: Database, site: Mapping[str, Any]) -> None:
    db["sites"].upsert(dict(site), pk="slug")


def save_articles(db: Database, records: Iterable[Mapping[str, Any]], seen_at: str) -> SaveCounts:
    """Insert or update articles by canonical URL in one transaction; unchanged ones only get
    last_seen. Writes go through sqlite-utils, which keeps the FTS triggers consistent."""
    counts = SaveCounts()
    articles = db["articles"]
    with db.atomic():
        for record in records:
            row = dict(record)
            images = row.pop("images", [])
            row["content_hash"] = content_hash(record)
            row["image_count"] = len(images)
            for key in ("methods", "warnings"):
                row[key] = json.dumps(
                    row.get(key) or ({} if key == "methods" else []), ensure_ascii=False
                )
            existing = next(
                db.query("SELECT id, content_hash FROM articles WHERE url = ?", [row["url"]]), None
            )
            if existing and existing["content_hash"] == row["content_hash"]:
                articles.update(existing["id"], {"last_seen": seen_at})
                counts.unchanged += 1
                continue
            row["last_seen"] = seen_at
            if existing:
                article_id = existing["id"]
                articles.update(article_id, row)
                counts.updated += 1
            else:
                row["first_seen"] = seen_at
                article_id = articles.insert(row).last_pk
                counts.new += 1
            _replace_images(db, article_id, images)
    return counts


def _replace_images(db: Database, article_id: int, images: list[Mapping[str, Any]]) -> None:
    db["images"].delete_where("article_id = ?", [article_id])
    db["images"].insert_all(
        {"article_id": article_id, "position": position, **image}
        for position, image in enumerate(images)
    )


def start_run(db: Database, site: str, started: str) -> int:
    with db.atomic():
        return (
            db["crawl_runs"].insert({"site": site, "started": started, "status": "running"}).last_pk
        )


def finish_run(db: Database, run_id: int, finished: str, **fields: Any) -> None:
    """Close a crawl run with its counts; ``errors`` (a dict of kind -> count) is stored as JSON."""
    if "errors" in fields:
        fields["errors"] = json.dumps(fields["errors"], ensure_ascii=False, sort_keys=True)
    with db.atomic():
        db["crawl_runs"].update(run_id, {"finished": finished, **fields})
