"""Item pipelines: the article images into the image folder, then articles into the archive in
batches. They store and announce (portals/run_signals.py); the run is recorded by the run
recorder (portals/run_record.py)."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.pipelines.files import FilesPipeline
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from archive import store
from archive.clock import now_utc
from archive.db import open_db
from archive.images import content_path, store_image
from archive.space import DISK_FULL, is_disk_full
from archive.suspects import RunGuard
from portals.disk_guard import ArchiveDiskFull, disk_full, refused
from portals.distributed import SharedImages
from portals.items import Article, ArticleImages, GoneUrl, PageSeen
from portals.records import article_record, site_record
from portals.registry import Site
from portals.run_signals import articles_stored, fail, run_opened

NOT_STORED = "not stored: the archive's disk is full"


class ArticleImagesPipeline(FilesPipeline):
    """Downloads the images of each article (Scrapy's media pipeline) and stores each file once
    under its content hash: ``<images>/ab/abcdef….jpg``, whatever URL or article it came from."""

    def open_spider(self) -> None:
        super().open_spider()
        settings = self.crawler.settings
        db = open_db(settings.get("KHCN_DB"))
        try:  # images archived by earlier runs are not fetched again
            self.stored = store.archived_image_paths(db)
        finally:
            db.close()
        self.shared = None
        if settings.getbool("KHCN_DISTRIBUTED"):
            self.shared = SharedImages(
                settings.get("REDIS_URL"), settings.get("KHCN_JOB"), store.worker_name()
            )

    def media_to_download(self, request: Request, info: Any, *, item: Any = None) -> Any:
        """An image already archived, by this run or an earlier one or (distributed) by
        another worker, is not downloaded again: its file is reused."""
        path = self.stored.get(request.url)
        if path is not None:
            return self._reused(request.url, path)
        if self.shared is None or self.shared.claim(request.url):
            return None
        waiting = self.shared.wait_for(request.url)
        return waiting.addCallback(lambda path: path and self._reused(request.url, path))

    def _reused(self, url: str, path: str) -> dict[str, Any]:
        return {"url": url, "path": path, "checksum": None, "status": "uptodate"}

    async def file_downloaded(
        self, response: Response, request: Request, info: Any, *, item: Any = None
    ) -> str:
        """The image's file, kept once by content (archive/images.py: written beside and
        renamed, so a full disk leaves no partial file), on a thread: the engine's thread goes on
        with the crawl while the file system works. Its SHA-256 is the checksum."""
        try:
            kept = await maybe_deferred_to_future(
                deferToThread(store_image, self.store.basedir, request.url, response.body)
            )
        except OSError as error:
            if is_disk_full(error):
                disk_full(self.crawler, error)
            raise
        self.stored[request.url] = kept.path
        if self.shared is not None:
            self.shared.publish(request.url, kept.path)
        return kept.sha256

    def get_media_requests(self, item: Any, info: Any) -> list[Request]:
        if not isinstance(item, Article | ArticleImages):
            return []
        return [Request(image.url, meta={"page_kind": "image"}) for image in item.images]

    def file_path(
        self,
        request: Request,
        response: Response | None = None,
        info: Any = None,
        *,
        item: Any = None,
    ) -> str:
        if response is None:  # "is it stored already?": only the content can say, so no
            return f"unknown/{hashlib.sha1(request.url.encode()).hexdigest()}"
        if "content_path" not in request.meta:  # asked twice per file: hash its bytes once
            request.meta["content_path"] = content_path(request.url, response.body)
        return request.meta["content_path"]

    def item_completed(self, results: list[tuple[bool, Any]], item: Any, info: Any) -> Any:
        if not isinstance(item, Article | ArticleImages):
            return item
        images = []
        for image, (ok, result) in zip(item.images, results, strict=True):
            if not ok and (isinstance(result.value, ArchiveDiskFull) or refused(self.crawler)):
                fail(self.crawler, DISK_FULL, image.url, str(result.value))  # fetched next time
            elif not ok:  # logged by Scrapy; counted in the crawl run so nothing fails silently
                fail(self.crawler, "image-failed", image.url, str(result.value))
            else:
                digest = PurePosixPath(result["path"]).stem
                size = (Path(self.store.basedir) / result["path"]).stat().st_size
                image = replace(image, sha256=digest, path=result["path"], size=size)
            images.append(image)
        item.images = images
        return item


class ArchivePipeline:
    """Stores every item of one spider's crawl: articles in batches, images' files, gone URLs,
    and (when the run finished) the validators of the pages it saw."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("KHCN_DB")
        self.batch_size = crawler.settings.getint("KHCN_BATCH_SIZE", 50)
        self.pending: list[dict[str, Any]] = []
        self.validators: list[dict[str, Any]] = []
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipeline = cls(crawler)
        # The finish reason is only known at spider_closed, which comes after close_spider.
        crawler.signals.connect(pipeline.store_validators, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.run_opened, signal=run_opened)
        return pipeline

    @property
    def site(self) -> Site:
        return self.crawler.spider.site

    def open_spider(self) -> None:
        self.db = open_db(self.db_path)
        store.save_site(self.db, site_record(self.site))
        self.guard = RunGuard(site_names={self.site.slug: self.site.name})

    def run_opened(self, run_id: int) -> None:
        """The run recorder opened the run (after ``open_spider``, before any item): the
        versions this pipeline holds back belong to it."""
        self.run_id = run_id

    def process_item(self, item: Article | GoneUrl | PageSeen) -> Article | GoneUrl | PageSeen:
        if refused(self.crawler):  # the disk is full: what is left is found again next time
            if isinstance(item, Article):
                fail(self.crawler, DISK_FULL, item.url, NOT_STORED, article=True)
            return item
        if isinstance(item, GoneUrl):
            store.record_gone(self.db, asdict(item), now_utc())
            return item
        if isinstance(item, PageSeen):  # kept for the end: only a finished run vouches for them
            self.validators.append(asdict(item))
            return item
        if isinstance(item, ArticleImages):
            images = [asdict(image) for image in item.images]
            store.attach_image_files(self.db, item.article_url, images)
            return item
        if item.fetched_at is None:  # no capture (raw capture switched off)
            item.fetched_at = datetime.now(UTC).replace(microsecond=0)
        self.pending.append(article_record(item, self.site))
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the pending articles in one transaction. A batch the archive refuses (a row
        breaking a constraint) is retried row by row, so one bad article costs only itself:
        it is announced as a failure, and the archive keeps every good one."""
        batch, self.pending = self.pending, []
        if not batch:
            return
        if refused(self.crawler):
            self._not_stored(batch)
            return
        try:
            self._save(batch)
        except sqlite3.Error as exc:
            if is_disk_full(exc):  # rolled back whole: the crawl stops, nothing half-written
                disk_full(self.crawler, exc)
                self._not_stored(batch)
                return
            for index, record in enumerate(batch):
                try:
                    self._save([record])
                except sqlite3.Error as exc:
                    if is_disk_full(exc):
                        disk_full(self.crawler, exc)
                        self._not_stored(batch[index:])
                        return
                    url = record.get("url", "?")
                    fail(self.crawler, "store-error", url, str(exc), article=True)

    def _not_stored(self, batch: list[dict[str, Any]]) -> None:
        for record in batch:
            fail(self.crawler, DISK_FULL, record.get("url", "?"), NOT_STORED, article=True)

    def _save(self, records: list[dict[str, Any]]) -> None:
        """Store, holding what looks like the portal's bad day (archive/suspects.py): each
        held page is announced as a failure of the run, by URL and kind (maintenance,
        soft-404, suspect-change), and the archived article keeps its text."""
        saved = store.save_articles(self.db, records, guard=self.guard, run_id=self.run_id)
        for url, kind, reason in saved.held:
            fail(self.crawler, kind, url, reason, article=True)
        self.crawler.signals.send_catch_log(articles_stored, counts=saved)

    def close_spider(self) -> None:
        self.flush()

    def store_validators(self, reason: str) -> None:
        """The validators of the pages a finished run saw, then the database closed. Those of
        a killed run would make the next one stop at a 304 before the pages it never reached."""
        if reason == "finished":
            store.record_validators(self.db, self.validators, now_utc())
        self.db.close()
