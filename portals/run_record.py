"""The crawl run recorded in the archive, by a Scrapy extension listening to signals: the
``crawl_runs`` row opened with the spider and closed with its counts and status, the failures
by kind and URL (``crawl_failures``), the coverage of the run's articles, and the run handed
to the health check (archive/health.py). Sent at the end: ``run_recorded``."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler

from archive import health, store
from archive.clock import now_utc
from archive.db import open_db
from archive.health import COVERED_FIELDS
from portals.definition_use import definition_counts
from portals.items import Article
from portals.run_signals import (
    ARTICLES_FAILED,
    FAILED,
    articles_stored,
    fail,
    page_failed,
    run_opened,
    run_recorded,
)

DETAIL_LENGTH = 500  # characters of a failure's detail kept in crawl_failures


class RunRecord:
    """One crawler's run: opened at ``spider_opened`` (the archive pipeline has saved the site
    by then), finished at ``spider_closed``, when the finish reason is known."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("KHCN_DB")
        self.run_id: int | None = None
        self.failures: list[dict[str, str]] = []
        self.coverage: Counter[str] = Counter()
        self.counts = store.SaveCounts()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecord:
        record = cls(crawler)
        crawler.signals.connect(record.opened, signal=signals.spider_opened)
        crawler.signals.connect(record.failed, signal=page_failed)
        crawler.signals.connect(record.dropped, signal=signals.request_dropped)
        crawler.signals.connect(record.scraped, signal=signals.item_scraped)
        crawler.signals.connect(record.stored, signal=articles_stored)
        crawler.signals.connect(record.closed, signal=signals.spider_closed)
        return record

    def opened(self, spider: Spider) -> None:
        self.spider = spider
        self.site = spider.site.slug
        self.db = open_db(self.db_path)
        self.run_id = store.start_run(self.db, self.site, now_utc())
        self.crawler.signals.send_catch_log(run_opened, run_id=self.run_id)

    def failed(self, kind: str, url: str, detail: str) -> None:
        self.spider.logger.warning("%s %s: %s %s", self.site, kind, url, detail)
        self.failures.append({"url": url, "kind": kind, "detail": detail[:DETAIL_LENGTH]})

    def dropped(self, request: Request) -> None:
        """A redirect back to a URL already asked for (a loop) is dropped by the duplicate
        filter without an error: count it, or the URL would vanish from the run's account."""
        if request.meta.get("redirect_urls"):
            article = request.meta.get("page_kind") == "article"
            fail(self.crawler, "redirect-loop", request.meta["redirect_urls"][0], article=article)

    def scraped(self, item: Any) -> None:
        """Which fields the run's articles have: a field suddenly missing betrays a layout
        change the health check reports."""
        if not isinstance(item, Article):
            return
        self.coverage["articles"] += 1
        for name in COVERED_FIELDS:
            if getattr(item, name):
                self.coverage[name] += 1

    def stored(self, counts: store.SaveCounts) -> None:
        self.counts.add(counts)

    def closed(self, spider: Spider, reason: str) -> None:
        """Close the run's row with its counts and status, record its failures, check its
        health, then the database."""
        if self.run_id is None:  # the run could not be opened: nothing to close
            return
        try:
            store.record_failures(self.db, self.run_id, self.site, self.failures)
            store.finish_run(self.db, self.run_id, now_utc(), **self._outcome(reason))
            run = store.crawl_run(self.db, self.run_id)
            found = health.check_run(self.db, run)
            health.record(self.db, found, now_utc())
        finally:
            self.db.close()
        run["health"], run["problems"] = found.level, found.problems
        self.crawler.signals.send_catch_log(run_recorded, run=run)

    def _outcome(self, reason: str) -> dict[str, Any]:
        """The row's columns from the run's stats, its stored counts and its finish reason."""
        stats = self.crawler.stats.get_stats()
        errors = {
            key.removeprefix(f"{FAILED}/"): value
            for key, value in stats.items()
            if key.startswith(f"{FAILED}/")
        }
        # A parser bug raises inside a callback: Scrapy logs it and goes on; count it here.
        for key, value in stats.items():
            if key.startswith("spider_exceptions/"):
                errors[f"exception-{key.removeprefix('spider_exceptions/')}"] = value
        # A run fails when it did not finish, or when the portal showed no article at all (no
        # link on any listing page, no "not modified" answer). An incremental run that finds
        # nothing new is fine.
        heard = (
            self.counts.stored
            + stats.get("khcn/listing_links", 0)
            + stats.get("khcn/not_modified", 0)
        )
        if reason != "finished" or heard == 0:
            status = "failed"
        elif errors:
            status = "degraded"
        else:
            status = "ok"
        return {
            "status": status,
            "finish_reason": reason,
            "pages_fetched": stats.get("response_received_count", 0),
            "bytes_fetched": stats.get("downloader/response_bytes", 0),
            "articles_new": self.counts.new,
            "articles_updated": self.counts.updated,
            "articles_unchanged": self.counts.unchanged
            + stats.get("khcn/articles_not_modified", 0),
            "articles_duplicate": self.counts.duplicate,
            "articles_failed": stats.get(ARTICLES_FAILED, 0),
            "urls_gone": stats.get("khcn/urls_gone", 0),
            "links_found": stats.get("khcn/listing_links", 0),
            "coverage": json.dumps(self._coverage()),
            "definition": json.dumps(definition_counts(stats), sort_keys=True),
            "listing_pages": stats.get("khcn/listing_pages", 0),
            "listings_not_modified": stats.get("khcn/not_modified", 0),
            "errors": errors,
        }

    def _coverage(self) -> dict[str, float]:
        articles = self.coverage["articles"]
        if not articles:
            return {"articles": 0}
        shares = {name: round(self.coverage[name] / articles, 3) for name in COVERED_FIELDS}
        return {"articles": articles, **shares}
