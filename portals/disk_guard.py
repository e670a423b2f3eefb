"""A full disk stops the crawl cleanly. The writers (WARC capture, image files, the archive
pipeline) call ``disk_full`` when a write finds no room. From then on, every crawler of the
process refuses to write (``refused``) and closes with the finish reason ``disk-full``, so its
run is ``failed``. The reserve that archive/space.py set aside leaves room for the run's record.
What was not stored is fetched, or recovered from its WARC capture, by the next crawl."""

from __future__ import annotations

import logging
import weakref

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import deferred_from_coro

from archive.space import DISK_FULL, DiskFull, archive_space

logger = logging.getLogger(__name__)
_stopping: weakref.WeakSet[Crawler] = weakref.WeakSet()


class ArchiveDiskFull(IgnoreRequest):
    """A response the crawl could not capture: the archive's disk is full."""


def disk_full(crawler: Crawler, error: BaseException) -> None:
    """A write found the archive's disk full: said once, and the crawler stops."""
    space = archive_space(crawler.settings.get("KHCN_DB"))
    if not space.full:  # said before the reserve is given back, so the free space is right
        logger.error("khcn crawl: stopping: %s", DiskFull(space.db_path, error).strerror)
    space.filled(error)
    _stop(crawler)


def refused(crawler: Crawler) -> bool:
    """True (and the crawler stops) once the archive's disk was found full: nothing more is
    written but the run's own record."""
    if not archive_space(crawler.settings.get("KHCN_DB")).full:
        return False
    _stop(crawler)
    return True


def _stop(crawler: Crawler) -> None:
    if crawler in _stopping or crawler.engine is None:
        return
    _stopping.add(crawler)
    deferred_from_coro(crawler.engine.close_spider_async(reason=DISK_FULL))
