"""The peer of the crawl benchmark: a bare Scrapy spider that fetches a list of URLs and
does nothing with the responses (no parsing, no WARC, no database).

    scrapy runspider bench/bare_spider.py -a urls=URLS.txt   (run outside the project folder,
    so that the project's settings, middlewares and pipelines are not loaded)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings: ClassVar[dict[str, Any]] = {
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
    }

    def __init__(self, urls: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.urls_file = urls
        self.responses = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        with open(self.urls_file, encoding="utf-8") as lines:
            for line in lines:
                yield scrapy.Request(line.strip(), dont_filter=True)

    def parse(self, response: Response) -> None:
        self.responses += 1  # HTTP 200 only: Scrapy drops error responses before this

    def closed(self, reason: str) -> None:
        print(f"bare spider: {self.responses} responses ({reason})")
