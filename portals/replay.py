"""Replay saved pages over HTTP on 127.0.0.1, as a forward proxy: the crawler requests the
portal's real URLs (http_proxy points here) and gets the saved bytes. Used by `khcn demo`
and the crawl tests; it never forwards anything to the network."""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}


def load_snapshot(directories: Iterable[Path]) -> dict[str, Path]:
    """URL -> saved file, from the ``manifest.toml`` of each snapshot directory."""
    pages: dict[str, Path] = {}
    for directory in directories:
        manifest = tomllib.loads((directory / "manifest.toml").read_text(encoding="utf-8"))
        for url, name in manifest["pages"].items():
            pages[url] = directory / name
    return pages


class _ReplayHandler(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, Path]]
    requested: ClassVar[list[str]]

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        url = self.path
        if not urlsplit(url).scheme:  # a direct (non-proxy) request
            url = f"http://{self.headers.get('Host', '')}{self.path}"
        self.requested.append(url)
        path = self.pages.get(url)
        body = path.read_bytes() if path else b"<html><body><h1>404 Not Found</h1></body></html>"
        self.send_response(200 if path else 404)
        ctype = CONTENT_TYPES.get(path.suffix, "application/octet-stream") if path else None
        self.send_header("Content-Type", ctype or "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def replay_server(directories: Iterable[Path], port: int = 0) -> Iterator[ReplayServer]:
    """Serve the snapshot on 127.0.0.1 in a background thread for the duration of the block."""
    pages = load_snapshot(directories)
    handler = type("Handler", (_ReplayHandler,), {"pages": pages, "requested": []})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ReplayServer(server, handler.requested, pages)
    finally:
        server.shutdown()
        server.server_close()


class ReplayServer:
    """A running replay server: its proxy URL and the URLs it was asked for."""

    def __init__(
        self, server: ThreadingHTTPServer, requested: list[str], pages: dict[str, Path]
    ) -> None:
        self.proxy_url = f"http://127.0.0.1:{server.server_address[1]}"
        self.requested = requested
        self.pages = pages
