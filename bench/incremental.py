"""Requests and bytes of a full crawl beside an unchanged re-crawl of the same portal.

    python -m bench.incremental [--articles 2000] [--write]

A synthetic portal (portals/demo/synthetic_site.py) is crawled through the real crawler and the
replay server, then crawled again unchanged; the figures come from the two runs' records.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from bench.report import bench_main
from portals.demo.replay import local_crawl_command, replay_server
from portals.demo.synthetic_site import BULK_CRAWL, build
from portals.registry import SITES_PATH

ROOT = Path(__file__).resolve().parent.parent
SECTION = "incremental"


def crawl(db: Path, snapshot: Path, definitions: Path, slug: str) -> None:
    with replay_server([snapshot]) as replay:
        env = {**os.environ, **replay.proxy_environment(), SITES_PATH: str(definitions)}
        command = local_crawl_command([slug], db, *BULK_CRAWL)
        subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)


def measure(articles: int) -> str:
    with tempfile.TemporaryDirectory(prefix="khcn-bench-") as scratch:
        site = build(Path(scratch) / "site", articles)
        db = Path(scratch) / "archive.db"
        crawl(db, site.snapshot, site.definitions, site.slug)
        crawl(db, site.snapshot, site.definitions, site.slug)
        with sqlite3.connect(db) as conn:
            (full, again) = conn.execute(
                "SELECT pages_fetched, bytes_fetched, articles_new FROM crawl_runs ORDER BY id"
            ).fetchall()
    lines = [
        f"Synthetic portal of {articles} articles (one image each plus a shared logo).",
        "",
        "| run | requests | bytes | new articles |",
        "|---|---:|---:|---:|",
        f"| full crawl | {full[0]:,} | {full[1]:,} | {full[2]:,} |",
        f"| unchanged re-crawl | {again[0]:,} | {again[1]:,} | {again[2]:,} |",
        f"| re-crawl / full | {again[0] / full[0]:.2%} | {again[1] / full[1]:.3%} | |",
        "",
        "The re-crawl asks for robots.txt and page 1 of the listing with its ETag; the portal",
        "answers 304 Not Modified and nothing else is requested.",
    ]
    return "\n".join(lines)


def main() -> None:
    bench_main(__doc__, SECTION, measure, articles=2000)


if __name__ == "__main__":
    main()
