"""The run recorder (portals/run_record.py) on its own: the failures any part of the crawl
announces (the spider, a pipeline) and a dropped redirect loop become the run's errors and its
crawl_failures rows; the run is checked for health and sent on as ``run_recorded``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils
from scrapy import Request, signals

from portals.pipelines import ArchivePipeline
from portals.run_record import DETAIL_LENGTH, RunRecord
from portals.run_signals import fail, run_recorded
from tests.conftest import article_items, portal_spider, saved_response

LISTING = "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html"
IMAGE = "http://hpstic.vn/images/logo.jpg"
LOOP = "http://hpstic.vn/news/a-loop.html"


def test_announced_failures_are_the_runs_errors_and_failures(db_path: Path) -> None:
    spider = portal_spider("hpstic", {"KHCN_DB": str(db_path)})
    crawler = spider.crawler
    record = RunRecord.from_crawler(crawler)
    pipeline = ArchivePipeline.from_crawler(crawler)
    recorded: list[dict[str, Any]] = []
    crawler.signals.connect(lambda run: recorded.append(run), signal=run_recorded, weak=False)
    pipeline.open_spider()  # the site row the run refers to
    record.opened(spider)

    spider.fail("tripwire-listing-links", LISTING, "0 article links, expected at least 5")
    fail(crawler, "image-failed", IMAGE, "x" * (DETAIL_LENGTH + 100))  # as a pipeline does
    redirected = Request(LOOP, meta={"redirect_urls": [LOOP], "page_kind": "article"})
    crawler.signals.send_catch_log(signals.request_dropped, request=redirected, spider=spider)
    (article,) = article_items(spider, saved_response("hpstic", "article-ky-niem-65-nam.html"))
    pipeline.process_item(article)
    crawler.signals.send_catch_log(signals.item_scraped, item=article, spider=spider)
    pipeline.close_spider()
    record.closed(spider, "finished")

    db = sqlite_utils.Database(db_path)
    (run,) = db.query("SELECT * FROM crawl_runs")
    assert json.loads(run["errors"]) == {
        "tripwire-listing-links": 1,
        "image-failed": 1,
        "redirect-loop": 1,
    }
    assert (run["status"], run["articles_new"], run["articles_failed"]) == ("degraded", 1, 1)
    assert json.loads(run["coverage"])["articles"] == 1
    failures = db.query("SELECT run_id, site, kind, url, detail FROM crawl_failures ORDER BY id")
    assert list(failures) == [
        {"run_id": run["id"], "site": "hpstic", "kind": "tripwire-listing-links", "url": LISTING,
         "detail": "0 article links, expected at least 5"},
        {"run_id": run["id"], "site": "hpstic", "kind": "image-failed", "url": IMAGE,
         "detail": "x" * DETAIL_LENGTH},
        {"run_id": run["id"], "site": "hpstic", "kind": "redirect-loop", "url": LOOP,
         "detail": ""},
    ]  # fmt: skip
    (health,) = db.query("SELECT * FROM health")
    assert health["run_id"] == run["id"] and health["level"] == "alert"
    assert "layout tripwire" in health["problems"]
    assert recorded == [{**run, "health": "alert", "problems": health["problems"].split("; ")}]
