"""The signals of a crawl run, beside Scrapy's own (``scrapy.signals``): what the spider and
the pipelines announce, and the run recorder (portals/run_record.py) listens to. They never
call each other: a page the run could not use is *announced* with ``fail``."""

from __future__ import annotations

from scrapy.crawler import Crawler

FAILED = "khcn/failed"  # stats prefix: khcn/failed/<kind> -> count
ARTICLES_FAILED = "khcn/articles_failed"  # article pages (or rows) the run could not archive

# run_opened(run_id): the run's crawl_runs row is open; what is stored belongs to it.
run_opened = object()
# page_failed(kind, url, detail, article): a page, image or row the run could not use.
page_failed = object()
# articles_stored(counts): one batch written to the archive (archive.store.SaveCounts).
articles_stored = object()
# run_recorded(run): a run's crawl_runs row, finished, with its health level and problems.
run_recorded = object()


def fail(crawler: Crawler, kind: str, url: str, detail: str = "", article: bool = False) -> None:
    """One failure of the run: counted by kind in the crawl's stats (what the run row's
    ``errors`` are made of) and announced for its per-URL record. Never raises: a broken page
    must not stop the crawl."""
    crawler.stats.inc_value(f"{FAILED}/{kind}")
    if article:
        crawler.stats.inc_value(ARTICLES_FAILED)
    crawler.signals.send_catch_log(page_failed, kind=kind, url=url, detail=detail, article=article)
