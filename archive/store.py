"""Writes to the archive: sites, articles with their images, crawl runs. Plain dicts in,
so the archive never depends on the crawler's item classes."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from archive.db import writing
from archive.holds import hold
from archive.search import fold_for_matching
from archive.suspects import RunGuard, Verdict

# The fields that make an article's content: page chrome (counters, sidebars) never enters
# them, so the hash only changes when what was published changed.
CONTENT_FIELDS = ("title", "summary", "published", "author", "author_org", "source", "body_text")
COUNT_KEYS = ("new", "updated", "unchanged", "duplicate")
VERSION_FIELDS = (
    "content_hash", "title", "summary", "published", "author", "author_org", "source",
    "category", "body_text", "body_html", "first_seen", "last_seen", "warc_file", "warc_offset",
)  # fmt: skip


@dataclass
class SaveCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    held: list[tuple[str, str, str]] = field(default_factory=list)  # (url, kind, reason)

    def add(self, other: SaveCounts) -> None:
        """Add another batch's counts (and held pages) to these."""
        for key in COUNT_KEYS:
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.held += other.held

    @property
    def stored(self) -> int:
        """Articles the batches wrote or confirmed (new, updated, unchanged, duplicate)."""
        return sum(getattr(self, key) for key in COUNT_KEYS)


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 of the article's content fields and its images (URL and caption, in order)."""
    payload = {key: record.get(key) for key in CONTENT_FIELDS}
    payload["images"] = [[i.get("url"), i.get("caption")] for i in record.get("images", [])]
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def save_site(db: Database, site: Mapping[str, Any]) -> None:
    db["sites"].upsert(dict(site), pk="slug")


def save_articles(
    db: Database,
    records: Iterable[Mapping[str, Any]],
    seen_at: str | None = None,
    touch_unchanged: bool = True,
    guard: RunGuard | None = None,
    run_id: int | None = None,
) -> SaveCounts:
    """Store articles in one transaction, keyed by canonical URL: a new URL of an article
    already archived from another host (same folded title, same day) is recorded as one more
    URL of it; a known URL updates its article when the content changed (the previous content
    goes to article_versions), else only last_seen. ``seen_at`` defaults to each record's
    ``fetched_at`` (the capture time); a reparse passes ``touch_unchanged=False`` so that an
    unchanged archive stays byte-for-byte the same. With a ``guard`` (archive/suspects.py), a
    capture that is a portal's bad day (a maintenance or not-found page, a text that is no
    edit of the archived one, a template at many URLs) is held, not stored (archive/holds.py),
    and listed in ``held``. Writes go through sqlite-utils, which keeps the FTS triggers
    consistent."""
    counts = SaveCounts()
    batch = list(records)
    if guard is not None:
        for record in batch:  # the whole batch first: a template repeated in it is seen at once
            guard.note(record)
    with writing(db):
        for record in batch:
            row = dict(record)
            outcome = _save_article(db, row, seen_at or row["fetched_at"], touch_unchanged, guard)
            if isinstance(outcome, Verdict):
                hold(db, record, outcome, run_id)
                counts.held.append((record["url"], outcome.kind, outcome.reason))
                continue
            setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


def _save_article(
    db: Database, row: dict[str, Any], seen_at: str, touch: bool, guard: RunGuard | None = None
) -> str | Verdict:
    """How one record was stored ("new", "updated", "unchanged", "duplicate"), or the verdict
    that holds it instead."""
    images = row.pop("images", [])
    row["content_hash"] = content_hash({**row, "images": images})
    row["image_count"] = len(images)
    row["same_article_key"] = same_article_key(row.get("title"), row.get("published"))
    for key, empty in (("methods", {}), ("warnings", [])):
        row[key] = json.dumps(row.get(key) or empty, ensure_ascii=False)
    url_row = {"url": row["url"], "site": row["site"], "last_seen": seen_at}
    known = next(
        db.query(
            "SELECT a.* FROM article_urls u JOIN articles a ON a.id = u.article_id WHERE u.url = ?",
            [row["url"]],
        ),
        None,
    )
    verdict = guard.verdict(row, None) if guard is not None and known is None else None
    if verdict is not None:
        return verdict
    if known is None:
        same = _same_article(db, row["same_article_key"])
        if same is not None:
            db["article_urls"].insert({**url_row, "article_id": same, "first_seen": seen_at})
            _keep_earliest_capture(db, same, row, images)
            return "duplicate"
        row.update(first_seen=seen_at, last_seen=seen_at)
        article_id = db["articles"].insert(row).last_pk
        db["article_urls"].insert({**url_row, "article_id": article_id, "first_seen": seen_at})
        _replace_images(db, article_id, images)
        return "new"
    if touch:
        db["article_urls"].update(row["url"], {"last_seen": max(seen_at, _last_seen(db, row))})
    if known["url"] != row["url"]:  # the article's content belongs to the URL it came from first
        return "duplicate"
    if known["content_hash"] == row["content_hash"]:
        if touch and seen_at > known["last_seen"]:
            db["articles"].update(known["id"], {"last_seen": seen_at})
        return "unchanged"
    if seen_at < known["last_seen"]:
        return "unchanged"  # an older capture than the stored content: never rolls it back
    verdict = guard.verdict(row, known) if guard is not None else None
    if verdict is not None:
        return verdict
    _keep_version(db, known, seen_at)
    row["first_seen"], row["last_seen"] = known["first_seen"], seen_at
    db["articles"].update(known["id"], row)
    _replace_images(db, known["id"], images)
    return "updated"


def _keep_earliest_capture(
    db: Database, article_id: int, row: dict[str, Any], images: list[Mapping[str, Any]]
) -> None:
    """The same article found at several URLs keeps the content of its earliest capture (ties:
    the smallest URL), whatever order the captures are stored in: concurrent crawlers and a
    reparse of the same WARC files end with the same row."""
    current = next(db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
    if (row["fetched_at"], row["url"]) >= (current["fetched_at"], current["url"]):
        return
    row["first_seen"] = min(current["first_seen"], row["fetched_at"])
    row["last_seen"] = max(current["last_seen"], row["fetched_at"])
    db["articles"].update(article_id, row)
    _replace_images(db, article_id, images)


def _last_seen(db: Database, row: Mapping[str, Any]) -> str:
    found = next(db.query("SELECT last_seen FROM article_urls WHERE url = ?", [row["url"]]))
    return found["last_seen"]


def _keep_version(db: Database, article: Mapping[str, Any], replaced_at: str) -> None:
    """The content an article had until now, with the time span it was seen."""
    images = list(
        db.query(
            "SELECT url, caption, alt, sha256, path FROM images WHERE article_id = ? "
            "ORDER BY position",
            [article["id"]],
        )
    )
    version = {key: article[key] for key in VERSION_FIELDS}
    version.update(
        article_id=article["id"],
        images=json.dumps(images, ensure_ascii=False),
        replaced_at=replaced_at,
    )
    db["article_versions"].insert(version)


def same_article_key(title: str | None, published: str | None) -> str | None:
    """Folded title + publication day: the same article republished on another host. None
    without a date (a title alone is too weak to merge two articles)."""
    if not title or not published:
        return None
    return f"{published[:10]} {fold_for_matching(title)}"


def _same_article(db: Database, key: str | None) -> int | None:
    if key is None:
        return None
    found = next(db.query("SELECT id FROM articles WHERE same_article_key = ?", [key]), None)
    return found["id"] if found else None


def record_gone(db: Database, gone: Mapping[str, Any], seen_at: str) -> None:
    """An article URL that no longer serves its article. Any article stored from it before
    stays in the archive: the row only says the portal stopped serving it."""
    with writing(db):
        if db["gone_urls"].count_where("url = ?", [gone["url"]]):
            db["gone_urls"].update(gone["url"], {**gone, "last_seen": seen_at})
        else:
            db["gone_urls"].insert({**gone, "first_seen": seen_at, "last_seen": seen_at})


def _replace_images(db: Database, article_id: int, images: list[Mapping[str, Any]]) -> None:
    db["images"].delete_where("article_id = ?", [article_id])
    db["images"].insert_all(
        {"article_id": article_id, "position": position, **image}
        for position, image in enumerate(images)
    )


def worker_name() -> str:
    """This process, as crawl runs name it: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def start_run(db: Database, site: str, started: str) -> int:
    row = {"site": site, "started": started, "status": "running", "worker": worker_name()}
    with writing(db):
        return db["crawl_runs"].insert(row).last_pk


def finish_run(db: Database, run_id: int, finished: str, **fields: Any) -> None:
    """Close a crawl run with its counts; ``errors`` (a dict of kind -> count) is stored as JSON."""
    if "errors" in fields:
        fields["errors"] = json.dumps(fields["errors"], ensure_ascii=False, sort_keys=True)
    with writing(db):
        db["crawl_runs"].update(run_id, {"finished": finished, **fields})


def crawl_run(db: Database, run_id: int) -> dict[str, Any]:
    """A crawl run's row."""
    return db["crawl_runs"].get(run_id)


def attach_image_files(db: Database, article_url: str, images: Iterable[Mapping[str, Any]]) -> None:
    """Record the archived files of an article's images (downloaded after the article)."""
    with writing(db):
        for image in images:
            if image.get("path"):
                db.execute(
                    "UPDATE images SET sha256 = ?, path = ?, size = ? WHERE url = ? AND "
                    "article_id = (SELECT article_id FROM article_urls WHERE url = ?)",
                    [image["sha256"], image["path"], image["size"], image["url"], article_url],
                )


def archived_image_paths(db: Database) -> dict[str, str]:
    """Image URL -> archived file, for every image already kept."""
    return {
        row["url"]: row["path"]
        for row in db.query("SELECT url, path FROM images WHERE path IS NOT NULL GROUP BY url")
    }


def forget_image_files(db: Database, paths: Iterable[str]) -> None:
    """Images whose file was found damaged and removed: they have no file again (the next crawl
    of their site fetches them; the reading room shows them as not archived meanwhile)."""
    with writing(db):
        for path in paths:
            db.execute(
                "UPDATE images SET path = NULL, sha256 = NULL, size = NULL WHERE path = ?", [path]
            )


def images_without_files(db: Database, site: str) -> dict[str, list[dict[str, Any]]]:
    """Article URL -> its images that have no archived file yet."""
    missing: dict[str, list[dict[str, Any]]] = {}
    for row in db.query(
        "SELECT a.url AS article, i.url, i.caption, i.alt FROM images i "
        "JOIN articles a ON a.id = i.article_id WHERE a.site = ? AND i.path IS NULL "
        "ORDER BY a.id, i.position",
        [site],
    ):
        missing.setdefault(row.pop("article"), []).append(row)
    return missing


def record_failures(
    db: Database, run_id: int, site: str, failures: Iterable[Mapping[str, Any]]
) -> None:
    """The pages a run could not use, each with its reason."""
    with writing(db):
        db["crawl_failures"].insert_all({**f, "run_id": run_id, "site": site} for f in failures)


def indexed_warc_files(db: Database) -> set[str]:
    return {row["name"] for row in db.query("SELECT name FROM warc_files")}


def mark_warc_files_indexed(db: Database, names: Iterable[str], at: str) -> None:
    with writing(db):
        db["warc_files"].upsert_all(({"name": n, "indexed_at": at} for n in names), pk="name")


def record_validators(db: Database, pages: Iterable[Mapping[str, Any]], seen_at: str) -> None:
    """The ETag / Last-Modified each page was last served with, in one transaction."""
    rows = [{**page, "seen_at": seen_at} for page in pages]
    with writing(db):
        db["page_validators"].upsert_all(rows, pk="url")


def crawl_memory(db: Database, site: str) -> dict[str, Any]:
    """What an incremental crawl of a site needs to know: every article URL already archived
    (or known to be gone) and the validators of the pages it has seen."""
    known = {row["url"] for row in db.query("SELECT url FROM article_urls WHERE site = ?", [site])}
    known |= {row["url"] for row in db.query("SELECT url FROM gone_urls WHERE site = ?", [site])}
    validators = {
        row["url"]: (row["etag"], row["last_modified"])
        for row in db.query("SELECT * FROM page_validators WHERE site = ?", [site])
    }
    last = next(
        db.query(
            "SELECT status, finish_reason FROM crawl_runs WHERE site = ? ORDER BY id DESC LIMIT 1",
            [site],
        ),
        None,
    )
    return {
        "known": frozenset(known),
        "validators": validators,
        "image_backlog": images_without_files(db, site),
        # the last run was cut short (killed, stopped by a full disk, by too many errors):
        # walk every listing page again, not only up to the first page of archived articles
        "resume": last is not None
        and (last["status"] == "interrupted" or last["finish_reason"] != "finished"),
    }


def close_interrupted_runs(db: Database) -> list[str]:
    """Runs left 'running' by a process that died: marked 'interrupted'; their sites."""
    with writing(db):
        sites = [row["site"] for row in db.query(
            "SELECT site FROM crawl_runs WHERE status = 'running'")]  # fmt: skip
        db.execute(
            "UPDATE crawl_runs SET status = 'interrupted', finish_reason = 'process died' "
            "WHERE status = 'running'"
        )
    return sites
