"""The archive pipeline on its own: batches, a bad row costs only itself, the run record (by the
run recorder, from the pipeline's signals)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import sqlite_utils

from portals.pipelines import ArchivePipeline
from portals.run_record import RunRecord
from tests.conftest import article_items, portal_spider, saved_response

ARTICLES = [
    "article-so-ket-6-thang-2024.html",
    "article-ky-niem-65-nam.html",
    "article-tap-huan-tai-san-tri-tue.html",
]


def test_a_row_the_archive_refuses_costs_only_itself(db_path: Path) -> None:
    spider = portal_spider("hpstic", {"KHCN_DB": str(db_path)})
    record = RunRecord.from_crawler(spider.crawler)
    pipeline = ArchivePipeline.from_crawler(spider.crawler)
    pipeline.open_spider()
    record.opened(spider)
    items = [article_items(spider, saved_response("hpstic", name))[0] for name in ARTICLES]
    items[1] = dataclasses.replace(items[1], body_text=None)  # breaks NOT NULL
    for item in items:
        pipeline.process_item(item)
    pipeline.close_spider()
    record.closed(spider, "finished")

    db = sqlite_utils.Database(db_path)
    stored = {row["url"] for row in db.query("SELECT url FROM articles")}
    assert stored == {items[0].url, items[2].url}
    run = next(db.query("SELECT * FROM crawl_runs"))
    assert (run["articles_new"], run["articles_failed"], run["status"]) == (2, 1, "degraded")
    assert json.loads(run["errors"]) == {"store-error": 1}
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
