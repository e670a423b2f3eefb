"""`khcn reparse`: rebuild or update the archive's articles from its WARC files with the current
parsers, without the network. After a parser fix one command brings the whole archive up to
date; an unchanged archive comes out unchanged (nothing is touched unless its content moved).

The same code recovers after a crash: a crawl that was killed left WARC files not marked as
indexed, and the next crawl stores what they captured before it goes on (``recover``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from w3lib.encoding import html_to_unicode

from archive import store
from archive.clock import now_utc
from archive.db import open_db
from archive.images import ImageFile, store_image
from archive.suspects import RunGuard
from archive.warc import (
    StoredResponse,
    iter_responses,
    repair,
    warc_files,
    written_by_live_process,
)
from portals.parse_processes import worker_pool
from portals.parsing.article import ArticleParseError, parse_article
from portals.parsing.urls import absolute, canonical_url
from portals.records import article_record, site_record
from portals.registry import Site, all_sites, site_for_url

BATCH = 200
CHUNK = 16  # pages sent to a parser process at a time
CHUNKS_IN_FLIGHT_PER_WORKER = 4
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class ReparseCounts:
    records: int = 0
    articles: int = 0
    images: int = 0
    failed: dict[str, int] = field(default_factory=dict)
    gone: int = 0
    saved: store.SaveCounts = field(default_factory=store.SaveCounts)


def reparse(
    db_path: str | Path,
    warc_folder: str | Path,
    images_folder: str | Path | None = None,
    workers: int = 1,
    names: Iterable[str] | None = None,
) -> ReparseCounts:
    """Parse every article response of the WARC files (or of ``names``) again and store what
    changed; image responses are kept in ``images_folder`` and attached to their articles."""
    counts = ReparseCounts()
    names = list(names) if names is not None else None
    images = _archive_images(warc_folder, images_folder, names, counts) if images_folder else {}
    db = open_db(db_path)
    try:
        for site in all_sites().values():
            store.save_site(db, site_record(site))
        pages = _article_responses(iter_responses(warc_folder, names), counts, db)
        batch: list[dict[str, Any]] = []
        for outcome in _parsed(pages, workers):
            if isinstance(outcome, str):
                counts.failed[outcome] = counts.failed.get(outcome, 0) + 1
                continue
            counts.articles += 1
            outcome["images"] = [_with_file(image, images) for image in outcome["images"]]
            batch.append(outcome)
            if len(batch) >= BATCH:
                _save(db, batch, counts)
        _save(db, batch, counts)
    finally:
        db.close()
    return counts


def recover(
    db_path: str | Path, warc_folder: str | Path, images_folder: str | Path
) -> ReparseCounts | None:
    """Store what WARC files left by an unfinished crawl captured (None: nothing to do)."""
    db = open_db(db_path)
    try:
        indexed = store.indexed_warc_files(db)
        pending = [
            name
            for name in warc_files(warc_folder)
            if name not in indexed and not written_by_live_process(name)
        ]
    finally:
        db.close()
    if not pending:
        return None
    repair(warc_folder)
    counts = reparse(db_path, warc_folder, images_folder, names=pending)
    mark_indexed(db_path, pending)
    return counts


def mark_indexed(db_path: str | Path, names: Iterable[str]) -> None:
    db = open_db(db_path)
    try:
        store.mark_warc_files_indexed(db, names, now_utc())
    finally:
        db.close()


def _archive_images(
    folder: str | Path, images_folder: str | Path, names: list[str] | None, counts: ReparseCounts
) -> dict[str, ImageFile]:
    """Every captured image kept in the image folder (once per content), by URL."""
    found = {}
    for response in iter_responses(folder, names):
        kind = (response.header("Content-Type") or "").lower()
        if response.status == 200 and kind.startswith("image/"):
            found[response.url] = store_image(images_folder, response.url, response.body)
            counts.images += 1
    return found


def _with_file(image: dict[str, Any], files: dict[str, ImageFile]) -> dict[str, Any]:
    stored = files.get(image["url"])
    if stored is None:
        return image
    return {**image, "sha256": stored.sha256, "path": stored.path, "size": stored.size}


def _article_responses(
    responses: Iterable[StoredResponse], counts: ReparseCounts, db: Any
) -> Iterator[tuple[StoredResponse, Site]]:
    """The captured article pages, in capture order; redirects off the site become gone URLs."""
    for response in responses:
        counts.records += 1
        site = site_for_url(response.url)
        if site is None:
            continue
        url = canonical_url(response.url, site.homepage)
        if not site.is_article_url(url):
            continue
        if response.status in REDIRECTS:
            target = absolute(response.url, response.header("Location"))
            if target and not site.is_article_url(canonical_url(target, site.homepage)):
                gone = {"url": url, "site": site.slug, "reason": "redirect", "target": target}
                store.record_gone(db, gone, response.fetched_at)
                counts.gone += 1
            continue
        if response.status == 200:
            yield response, site


def _parsed(
    pages: Iterator[tuple[StoredResponse, Site]], workers: int
) -> Iterator[dict[str, Any] | str]:
    """Archive records (or a failure reason) of the pages, in order; parsed on ``workers``
    processes when more than one."""
    jobs = ((r.url, r.header("Content-Type"), r.body, r.capture, s.slug) for r, s in pages)
    if workers <= 1:
        yield from (_parse(job) for job in jobs)
        return
    # Not Executor.map: it submits every job at once, so every page of every WARC file would be
    # held in memory. A few chunks per worker are in flight; results come back in order.
    in_flight: deque[Future[list[dict[str, Any] | str]]] = deque()
    with worker_pool(workers) as pool:
        while chunk := tuple(islice(jobs, CHUNK)):
            in_flight.append(pool.submit(_parse_chunk, chunk))
            if len(in_flight) >= CHUNKS_IN_FLIGHT_PER_WORKER * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _parse_chunk(jobs: tuple[tuple[str, str | None, bytes, Any, str], ...]) -> list[Any]:
    return [_parse(job) for job in jobs]


def _parse(job: tuple[str, str | None, bytes, Any, str]) -> dict[str, Any] | str:
    url, content_type, body, capture, slug = job
    site = all_sites()[slug]
    _, html = html_to_unicode(content_type, body)
    try:
        article = parse_article(html, url, site)
    except ArticleParseError as exc:
        return f"tripwire-{exc.reason}"
    article = replace(
        article,
        fetched_at=datetime.fromisoformat(capture.fetched_at),
        warc_file=capture.file,
        warc_offset=capture.offset,
        warc_record_id=capture.record_id,
    )
    return article_record(article, site)


def _save(db: Any, batch: list[dict[str, Any]], counts: ReparseCounts) -> None:
    """Store a batch; a capture that was a portal's bad day (a maintenance page, a not-found
    template) is held, as a crawl holds it, never applied by a reparse."""
    if batch:
        guard = RunGuard(site_names={slug: site.name for slug, site in all_sites().items()})
        saved = store.save_articles(db, batch, touch_unchanged=False, guard=guard)
        counts.saved.add(saved)
        batch.clear()
