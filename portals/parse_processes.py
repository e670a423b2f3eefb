"""Article parsing beside the crawl: Scrapy's engine, the WARC capture and the pipelines run on
one core; parsing the pages in worker processes puts the machine's other cores to work."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache

from portals.items import Article
from portals.parsing.article import ArticleParseError, parse_article
from portals.registry import Site

logger = logging.getLogger(__name__)


class ArticleParser:
    """``parse_article`` in ``processes`` worker processes, or in the crawl's own process when
    ``processes`` is 0. The workers are started at the first page and shared by every spider
    of the crawl; they end with it."""

    def __init__(self, processes: int) -> None:
        self.processes = processes

    async def parse(self, html: str, url: str, site: Site) -> Article:
        """The article of a page; raises ``ArticleParseError`` as ``parse_article`` does. A
        worker that dies (the OOM killer, a crash in a C library) breaks its pool: the page is
        tried once more in a new pool, then given up as ``parser-crashed``; the crawl goes on."""
        if self.processes <= 0:
            return parse_article(html, url, site)
        for _ in range(2):
            pool = _shared_pool(self.processes)
            try:
                return await asyncio.wrap_future(pool.submit(parse_article, html, url, site))
            except BrokenProcessPool:
                logger.warning("a parser process died; parsing %s again in a new one", url)
                if _shared_pool(self.processes) is pool:  # the first page to find it broken
                    _shared_pool.cache_clear()
                    pool.shutdown(wait=False, cancel_futures=True)
        raise ArticleParseError("parser-crashed", url)


def worker_pool(processes: int) -> ProcessPoolExecutor:
    """Worker processes (crawl and reparse) that end with this process, even when it is killed.
    Spawned, not forked: a fork of a running reactor (threads, sockets, SQLite) is unsafe, and
    forked workers inherit the pipes that would tell them their parent is gone."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        processes, mp_context=context, initializer=_end_with, initargs=(os.getpid(),)
    )


@cache
def _shared_pool(processes: int) -> ProcessPoolExecutor:
    return worker_pool(processes)


def _end_with(crawl_pid: int) -> None:
    """A worker ends when its crawl does, even a crawl killed with SIGKILL (which cannot tell
    it): a daemon thread looks for its parent every second."""

    def watch() -> None:
        while os.getppid() == crawl_pid:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
