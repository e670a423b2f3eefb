"""`khcn reparse`: rebuild or update the archive's articles from its WARC files with the current
parsers, without the network. After a parser fix one command brings the whole archive up to
date; an unchanged archive comes out unchanged (nothing is touched unless its content moved).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from w3lib.encoding import html_to_unicode

from archive import store
from archive.db import open_db
from archive.warc import StoredResponse, iter_responses
from portals.parsing.article import ArticleParseError, parse_article
from portals.parsing.urls import absolute, canonical_url
from portals.pipelines import article_record, site_record
from portals.registry import Site, all_sites, site_for_url

BATCH = 200
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class ReparseCounts:
    records: int = 0
    articles: int = 0
    failed: dict[str, int] = field(default_factory=dict)
    gone: int = 0
    saved: store.SaveCounts = field(default_factory=store.SaveCounts)


def reparse(db_path: str | Path, warc_folder: str | Path, workers: int = 1) -> ReparseCounts:
    """Parse every article response of the WARC files again and store what changed."""
    counts = ReparseCounts()
    db = open_db(db_path)
    try:
        for site in all_sites().values():
            store.save_site(db, site_record(site))
        batch: list[dict[str, Any]] = []
        for outcome in _parsed(
            _article_responses(iter_responses(warc_folder), counts, db), workers
        ):
            if isinstance(outcome, str):
                counts.failed[outcome] = counts.failed.get(outcome, 0) + 1
                continue
            counts.articles += 1
            batch.append(outcome)
            if len(batch) >= BATCH:
                _save(db, batch, counts)
        _save(db, batch, counts)
    finally:
        db.close()
    return counts


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse, jobs, chunksize=16)


def _parse(job: tuple[str, str | None, bytes, Any, str]) -> dict[str, Any] | str:
    url, content_type, body, capture, slug = job
    site = all_sites()[slug]
    _, html = html_to_unicode(content_type, body)
    try:
        article = parse_article(html, url, site)
    except ArticleParseError as exc:
        return f"tripwire-{exc.reason}"
    article.fetched_at = datetime.fromisoformat(capture.fetched_at)
    article.warc_file, article.warc_offset = capture.file, capture.offset
    article.warc_record_id = capture.record_id
    return article_record(article, site)


def _save(db: Any, batch: list[dict[str, Any]], counts: ReparseCounts) -> None:
    if batch:
        saved = store.save_articles(db, batch, touch_unchanged=False)
        for key in store.COUNT_KEYS:
            setattr(counts.saved, key, getattr(counts.saved, key) + getattr(saved, key))
        batch.clear()
