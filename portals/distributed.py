"""Distributed crawls on scrapy-redis: several `khcn crawl --redis URL --job NAME` processes, on
one machine or many, share one frontier (the request queue) and one duplicate filter in Redis,
so each URL is fetched once by one of them; each writes what it fetched to the same archive
(SQLite in WAL mode takes one writer at a time; every write is a short transaction).

Keys are namespaced by job: start every worker of one crawl with the same ``--job``; a new
crawl takes a new job name (the duplicate filter of a finished job would refuse its pages).

``WorkerCoordination`` (a Scrapy extension, on when ``KHCN_DISTRIBUTED``) keeps this worker's
heartbeat and its stay while the others work; ``SharedImages`` is the image pipeline's claims.
"""

from __future__ import annotations

import time
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, NotConfigured
from scrapy.spiders import Spider
from twisted.internet.defer import Deferred
from twisted.internet.task import LoopingCall, deferLater

from archive.store import worker_name

REDIS_SETTINGS = {
    "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    # Kept when one worker stops: the others are still using the frontier and the filter.
    "SCHEDULER_PERSIST": True,
    "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
}
# A worker whose share of the frontier is empty waits this long for the others to add more.
IDLE_GRACE_SECONDS = 8.0
WORKING_SECONDS = 10  # a worker that received no page for this long is not working
BEAT_SECONDS = 2.0  # a working worker renews its heartbeat this often
# Scrapy's engine asks its scheduler for requests after each page and otherwise every 5 s; an
# idle worker asks the shared frontier this often, or it would sit out while the others
# drain what it could share.
FRONTIER_POLL_SECONDS = 0.5


def redis_settings(url: str, job: str) -> dict[str, Any]:
    return {
        **REDIS_SETTINGS,
        "REDIS_URL": url,
        "SCHEDULER_QUEUE_KEY": f"khcn:{job}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"khcn:{job}:%(spider)s:dupefilter",
        "KHCN_DISTRIBUTED": True,
        "KHCN_JOB": job,
    }


class Workers:
    """The workers of a job crawling one site, as heartbeats in Redis (keys that expire): a
    worker with nothing to do stays while another is still receiving pages, since that one may
    be about to add pages to the shared frontier; one that died or went idle stops counting."""

    def __init__(self, url: str, job: str, spider: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)
        self.prefix = f"khcn:{job}:{spider}:alive:"
        self.worker = worker_name()

    def beat(self) -> None:
        self.redis.set(self.prefix + self.worker, "1", ex=WORKING_SECONDS)

    def leave(self) -> None:
        self.redis.delete(self.prefix + self.worker)

    def others_working(self) -> bool:
        mine = (self.prefix + self.worker).encode()
        return any(key != mine for key in self.redis.scan_iter(match=self.prefix + "*"))


class WorkerCoordination:
    """One worker of a distributed crawl: its heartbeat in Redis while it receives pages; an
    idle worker stays while another is working (and a little while after its own last page),
    asking the shared frontier for work every FRONTIER_POLL_SECONDS; its heartbeat removed when
    it stops."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.last_response = time.monotonic()  # the idle grace counts from here
        self.last_beat = 0.0
        # Handed to the engine to wake it: dropped (IgnoreRequest at request_scheduled) before
        # it reaches the scheduler, it makes the engine ask the scheduler for its next request
        # (dont_filter: no offsite filter counts it).
        self.frontier_poll = Request("data:,", dont_filter=True)
        self.poll = LoopingCall(self.ask_frontier)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerCoordination:
        if not crawler.settings.getbool("KHCN_DISTRIBUTED"):
            raise NotConfigured
        coordination = cls(crawler)
        crawler.signals.connect(coordination.opened, signal=signals.spider_opened)
        crawler.signals.connect(coordination.received, signal=signals.response_received)
        crawler.signals.connect(coordination.idle, signal=signals.spider_idle)
        crawler.signals.connect(coordination.scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(coordination.closed, signal=signals.spider_closed)
        return coordination

    def opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        self.workers = Workers(settings.get("REDIS_URL"), settings.get("KHCN_JOB"), spider.name)
        self.workers.beat()
        self.last_response = time.monotonic()
        self.poll.start(FRONTIER_POLL_SECONDS, now=False)

    def received(self) -> None:
        self.last_response = time.monotonic()
        if self.last_response - self.last_beat > BEAT_SECONDS:
            self.workers.beat()
            self.last_beat = self.last_response

    def idle(self) -> None:
        """The shared frontier is empty for now, but another worker may be parsing a listing
        page that will fill it: stay while one is working (and a little while after this
        worker's last page)."""
        recent = time.monotonic() - self.last_response < IDLE_GRACE_SECONDS
        if recent or self.workers.others_working():
            raise DontCloseSpider

    def ask_frontier(self) -> None:
        self.crawler.engine.crawl(self.frontier_poll)

    def scheduled(self, request: Request) -> None:
        if request is self.frontier_poll:
            raise IgnoreRequest

    def closed(self) -> None:
        if self.poll.running:
            self.poll.stop()
        self.workers.leave()


class SharedImages:
    """Which worker downloads an image several workers meet (a logo in every article): the
    first to claim its URL in Redis; the others wait for the path it publishes."""

    WAIT_SECONDS = 60.0
    POLL_SECONDS = 0.2

    def __init__(self, url: str, job: str, worker: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)
        self.claims = f"khcn:{job}:image-claims"
        self.paths = f"khcn:{job}:image-paths"
        self.worker = worker

    def claim(self, image_url: str) -> bool:
        """True when this worker is to download the image."""
        return bool(self.redis.hsetnx(self.claims, image_url, self.worker))

    def path(self, image_url: str) -> str | None:
        found = self.redis.hget(self.paths, image_url)
        return found.decode() if found else None

    def publish(self, image_url: str, path: str) -> None:
        self.redis.hset(self.paths, image_url, path)

    def wait_for(self, image_url: str) -> Deferred:
        """A Deferred firing with the path another worker stored (None after WAIT_SECONDS:
        then this worker downloads it itself)."""
        from twisted.internet import reactor  # the one Scrapy installed (never import it early)

        deadline = time.monotonic() + self.WAIT_SECONDS

        def check() -> Any:
            path = self.path(image_url)
            if path is not None or time.monotonic() > deadline:
                return path
            return deferLater(reactor, self.POLL_SECONDS, check)

        return deferLater(reactor, 0, check)
