"""A live progress line on a terminal (`khcn crawl` on a TTY): pages, articles and failures of
every site of the process, refreshed every two seconds. Off a terminal (cron, systemd, CI)
the crawl writes plain log lines instead."""

from __future__ import annotations

import sys
from typing import Any, ClassVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

REFRESH_SECONDS = 2.0


class Progress:
    """Enabled by the KHCN_PROGRESS setting; every crawler of the process shares one line."""

    running: ClassVar[dict[str, Crawler]] = {}

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.loop = task.LoopingCall(self.show)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("KHCN_PROGRESS"):
            raise NotConfigured
        progress = cls(crawler)
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        return progress

    def opened(self, spider: Any) -> None:
        self.running[spider.site.slug] = self.crawler
        self.loop.start(REFRESH_SECONDS, now=False)

    def closed(self, spider: Any) -> None:
        self.running.pop(spider.site.slug, None)
        if self.loop.running:
            self.loop.stop()
        self.show()
        if not self.running:
            sys.stderr.write("\n")

    def show(self) -> None:
        parts = []
        for slug, crawler in sorted(self.running.items()):
            stats = crawler.stats.get_stats()
            parts.append(
                f"{slug}: {stats.get('response_received_count', 0)} pages, "
                f"{stats.get('item_scraped_count', 0)} items, "
                f"{stats.get('khcn/articles_failed', 0)} failed"
            )
        line = " | ".join(parts) or "done"
        sys.stderr.write("\r\033[K" + line[:200])
        sys.stderr.flush()
