"""Raw capture: a downloader middleware that writes every response the crawler receives (with
its request) to the archive's WARC files, before redirects, retries or decompression touch it,
and notes where in ``request.meta["capture"]`` so the article row can point to its record.
A response it cannot write for a full disk is not used (``ArchiveDiskFull``) and the crawl stops
(portals/disk_guard.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from archive.space import is_disk_full
from archive.warc import Capture, WarcFolder
from portals.disk_guard import ArchiveDiskFull, disk_full, refused


class WarcCaptureMiddleware:
    """Enabled by ``KHCN_WARC_DIR`` (the crawl sets it next to the archive file). The crawlers
    of one process share one WARC file per folder."""

    _open: ClassVar[dict[Path, tuple[WarcFolder, int]]] = {}

    def __init__(self, crawler: Crawler, folder: Path) -> None:
        self.crawler = crawler
        self.folder = folder
        warc, users = self._open.get(folder, (None, 0))
        self.warc = warc or WarcFolder(folder)
        self._open[folder] = (self.warc, users + 1)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        folder = crawler.settings.get("KHCN_WARC_DIR")
        if not folder:
            raise NotConfigured("KHCN_WARC_DIR is not set")
        middleware = cls(crawler, Path(folder))
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        if refused(self.crawler):
            raise ArchiveDiskFull("not captured: the archive's disk is full")
        try:
            request.meta["capture"] = self._write(request, response)
        except OSError as error:
            if not is_disk_full(error):
                raise
            disk_full(self.crawler, error)
            raise ArchiveDiskFull(f"not captured: {error}") from error
        return response

    def _write(self, request: Request, response: Response) -> Capture:
        return self.warc.write(
            url=response.url,
            method=request.method,
            request_headers={
                key.decode("latin-1"): b", ".join(values).decode("latin-1")
                for key, values in request.headers.items()
            },
            request_body=request.body,
            status=response.status,
            response_headers=[
                (key.decode("latin-1"), value.decode("latin-1"))
                for key, values in response.headers.items()
                for value in values
            ],
            body=response.body,
            fetched_at=datetime.now(UTC),
        )

    def close(self) -> None:
        warc, users = self._open.pop(self.folder, (self.warc, 1))
        if users > 1:
            self._open[self.folder] = (warc, users - 1)
        else:
            warc.close()
