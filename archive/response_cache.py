"""Pages served again from memory while the archive has not changed: `khcn serve` wraps
Datasette's ASGI app in this. A published archive changes once per crawl, and between crawls
the table page, its facets and a popular search are the same for every reader; computing them
again costs 0.1 to 2 s of CPU each at 200,000 articles (docs/benchmarks.md, issue 7 §8).

The key is the request (host, path, query string) and the archive's version, SQLite's
``PRAGMA data_version`` on a connection of the cache's own, which changes with every commit
another connection makes (a crawl writing while the archive is served): a page is never served
older than the archive. Only complete 200 answers to GET without cookies or
``no-store`` are kept, not streamed CSV, and not answers larger than ``MAX_BODY_BYTES``. A
page asked for again while it is being computed waits for that computation instead of
starting another (the first readers after a crawl would otherwise all compute it at once).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_ENTRIES = 512
MAX_BODY_BYTES = 4 * 1024 * 1024
HEADER = b"x-khcn-cache"


class ResponseCache:
    """An ASGI middleware keeping the last ``MAX_ENTRIES`` cacheable answers (LRU)."""

    def __init__(self, app: ASGIApp, database: str | Path) -> None:
        self.app = app
        # only the event loop's thread uses it; read-only, it never writes
        self.version = sqlite3.connect(
            f"file:{Path(database).resolve()}?mode=ro", uri=True, check_same_thread=False
        )
        self.entries: OrderedDict[tuple, tuple[Message, bytes]] = OrderedDict()
        self.computing: dict[tuple, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable_request(scope):
            await self.app(scope, receive, send)
            return
        key = (_header(scope, b"host"), scope["path"], scope.get("query_string", b""),
               self._version())  # fmt: skip
        if key in self.computing:  # the same page asked again while it is computed: wait
            await self.computing[key].wait()
        if key in self.entries:
            self.entries.move_to_end(key)
            kept_start, kept_body = self.entries[key]
            await send(_marked(kept_start, b"hit"))
            await send({"type": "http.response.body", "body": kept_body})
            return
        first = key not in self.computing  # (or the page could not be kept: compute it too)
        if first:
            self.computing[key] = asyncio.Event()
        try:
            await self._compute(key, scope, receive, send)
        finally:
            if first:
                self.computing.pop(key).set()

    async def _compute(self, key: tuple, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message if _cacheable_start(message) else None
                message = _marked(message, b"miss")
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > MAX_BODY_BYTES:
                    start = None
                elif not message.get("more_body", False):
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _version(self) -> int:
        return self.version.execute("PRAGMA data_version").fetchone()[0]

    def _store(self, key: tuple, start: Message, body: bytes) -> None:
        self.entries[key] = (start, body)
        while len(self.entries) > MAX_ENTRIES:
            self.entries.popitem(last=False)

    @staticmethod
    def _cacheable_request(scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and b"_stream=" not in scope.get("query_string", b"")
            and not _header(scope, b"cookie")
        )


def _cacheable_start(message: Message) -> bool:
    headers = {name.lower(): value.lower() for name, value in message.get("headers", [])}
    control = headers.get(b"cache-control", b"")
    return (
        message["status"] == 200
        and b"set-cookie" not in headers
        and b"no-store" not in control
        and b"private" not in control
    )


def _marked(start: Message, outcome: bytes) -> Message:
    headers = [(name, value) for name, value in start.get("headers", []) if name != HEADER]
    return {**start, "headers": [*headers, (HEADER, outcome)]}


def _header(scope: Scope, name: bytes) -> bytes:
    return next((value for key, value in scope.get("headers", []) if key.lower() == name), b"")
