"""Run crawls: one Scrapy process, one crawler per site, every run recorded in the archive (by
the run recorder, portals/run_record.py)."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive import store
from archive.db import images_folder, open_db, warc_folder
from archive.images import remove_damaged
from archive.lock import crawl_lock
from archive.space import DiskFull, archive_space, is_disk_full
from archive.warc import warc_files
from portals.distributed import redis_settings
from portals.registry import Site
from portals.reparse import mark_indexed, recover
from portals.run_signals import run_recorded
from portals.spiders.portal import PortalSpider


def crawl_settings(db_path: str | Path, overrides: Mapping[str, Any] = {}) -> Settings:
    settings = Settings()
    settings.setmodule("portals.settings", priority="project")
    settings.set("KHCN_DB", str(db_path), priority="cmdline")
    settings.set("KHCN_WARC_DIR", str(warc_folder(db_path)), priority="cmdline")
    settings.set("FILES_STORE", str(images_folder(db_path)), priority="cmdline")
    if sys.stderr.isatty():  # a person watching: one live line, warnings only in the log
        settings.set("KHCN_PROGRESS", True, priority="cmdline")
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    sites: Sequence[Site],
    db_path: str | Path,
    overrides: Mapping[str, Any] = {},
    refresh: bool = False,
    since: date | None = None,
    redis: tuple[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Crawl the sites (blocking) and return the crawl-run rows this process wrote, in order,
    each with its health check (``health``, ``problems``).

    Incremental by default: what the archive already holds is handed to each spider, which
    fetches listing pages until it meets only archived articles and asks the portal for the
    pages it has seen with their ETag / Last-Modified. ``refresh`` fetches archived articles
    again (conditionally); ``since`` bounds the crawl by publication date.

    ``redis`` = (URL, job): one worker of a distributed crawl (portals/distributed.py); the
    workers share the frontier in Redis, and the archive, so the archive lock is not taken."""
    if redis is not None:
        overrides = {**redis_settings(*redis), **overrides}
        return _run(sites, db_path, overrides, refresh, since)
    with crawl_lock(db_path):  # raises ArchiveLocked while another crawl runs on this archive
        return _run(sites, db_path, overrides, refresh, since)


def _run(
    sites: Sequence[Site],
    db_path: str | Path,
    overrides: Mapping[str, Any],
    refresh: bool,
    since: date | None,
) -> list[dict[str, Any]]:
    space = archive_space(db_path)
    space.hold()  # raises DiskFull: room for the runs' own records once the disk fills up
    try:
        memory = _prepare(sites, db_path)
        runs = _crawl(sites, db_path, overrides, refresh, since, memory)
        if not space.full:  # else some of what it captured was never stored: recovered next time
            # Everything this process captured went through the pipeline: its files are indexed.
            own = f"-{os.getpid()}-"
            mark_indexed(db_path, [n for n in warc_files(warc_folder(db_path)) if own in n])
        return runs
    finally:
        space.release()


def _prepare(sites: Sequence[Site], db_path: str | Path) -> dict[str, dict[str, Any]]:
    """Put the archive right after an earlier crawl (killed, or stopped by a full disk) and
    read what each site's crawl needs to know of it."""
    try:
        for folder in (warc_folder(db_path), images_folder(db_path)):
            folder.mkdir(parents=True, exist_ok=True)  # before workers race to create them
        recover(db_path, warc_folder(db_path), images_folder(db_path))  # after a killed crawl
        db = open_db(db_path)  # migrate once, before crawlers open it concurrently
        try:
            store.close_interrupted_runs(db)
            # an image file cut short or altered since the last check is never served: removed,
            # its image has no file again, and the crawl of its site fetches it anew
            store.forget_image_files(db, remove_damaged(images_folder(db_path)))
            return {site.slug: store.crawl_memory(db, site.slug) for site in sites}
        finally:
            db.close()
    except (OSError, sqlite3.Error) as error:
        if is_disk_full(error):
            raise DiskFull(db_path, error) from error
        raise


def _crawl(
    sites: Sequence[Site],
    db_path: str | Path,
    overrides: Mapping[str, Any],
    refresh: bool,
    since: date | None,
    memory: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    process = CrawlerProcess(crawl_settings(db_path, overrides))
    runs: list[dict[str, Any]] = []

    def recorded(run: dict[str, Any]) -> None:
        runs.append(run)

    for site in sites:
        crawler = process.create_crawler(PortalSpider)
        crawler.signals.connect(recorded, signal=run_recorded, weak=False)
        process.crawl(crawler, site=site, refresh=refresh, since=since, **memory[site.slug])
    process.start()
    return sorted(runs, key=lambda run: run["id"])
