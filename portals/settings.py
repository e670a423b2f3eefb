"""Scrapy settings: polite by default. Override per run with `khcn crawl -s KEY=VALUE` or the
KHCN_* environment variables below."""

from __future__ import annotations

import os


def _env(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


BOT_NAME = "khcn-archive"
SPIDER_MODULES = ["portals.spiders"]
NEWSPIDER_MODULE = "portals.spiders"

USER_AGENT = (
    "khcn-archive/0.1 (+https://github.com/khcn-archive/khcn-archive; "
    "archive of Vietnamese provincial S&T news)"
)
ROBOTSTXT_OBEY = True

# Politeness: many portals share one government host; 1-2 requests at a time, with a delay.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = int(_env("KHCN_CONCURRENCY_PER_DOMAIN", 2))
DOWNLOAD_DELAY = _env("KHCN_DOWNLOAD_DELAY", 1.0)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 45
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# research/crawl_limits.md: the default of 100 costs ~1.5x CPU per response on asyncio.
CONCURRENT_ITEMS = 10
CLOSESPIDER_ERRORCOUNT = 50
# Scrapy reads a callback's source (ast.parse) at every response to warn of a generator's
# `return value`; a bound method is a new object each time, so its cache never hits (~2% of
# the crawl's CPU). tests/test_layout.py runs the same check once on every spider method.
WARN_ON_GENERATOR_RETURN_VALUE = False

ITEM_PIPELINES = {
    "portals.pipelines.ArticleImagesPipeline": 100,  # archive the images first
    "portals.pipelines.ArchivePipeline": 300,
}
FILES_STORE = ""  # set by portals/crawl.py next to the archive file: <db stem>-images/
MEDIA_ALLOW_REDIRECTS = True
# Raw capture sits next to the downloader: it sees every response before redirects, retries
# and decompression (HttpCompressionMiddleware is 590, RedirectMiddleware 600).
DOWNLOADER_MIDDLEWARES = {"portals.capture.WarcCaptureMiddleware": 950}
# The run recorded in the archive (crawl_runs, crawl_failures, health); distributed crawls'
# coordination (on with --redis); the live progress line (on a terminal).
EXTENSIONS = {
    "portals.run_record.RunRecord": 500,
    "portals.distributed.WorkerCoordination": 500,
    "portals.progress.Progress": 500,
}
KHCN_PROGRESS = False  # portals/crawl.py turns it on when the crawl runs on a terminal
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("KHCN_LOG_LEVEL", "INFO")

# Where the archive lives (a SQLite file) and how many articles go in one transaction.
KHCN_DB = os.environ.get("KHCN_DB", "archive.db")
KHCN_WARC_DIR = ""  # set by portals/crawl.py next to the archive file: <db stem>-warc/
KHCN_BATCH_SIZE = 50
# Article pages are parsed in this many worker processes (portals/parse_processes.py) while the
# crawl's own process fetches, captures and stores; 0 parses in the crawl's process.
KHCN_PARSE_PROCESSES = int(
    os.environ.get("KHCN_PARSE_PROCESSES", min(max((os.cpu_count() or 1) - 1, 0), 4))
)
