"""A Datasette plugin: an archived image file is served only when it holds the content its name
is the SHA-256 of. A file cut short or altered on disk since it was stored answers 404 with a
message (Vietnamese, then English). It is never shown as the archived image. The next crawl finds
it at its start (archive.images.remove_damaged) and fetches it again."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from datasette import hookimpl
from datasette.utils.asgi import Response

from archive.images import is_intact

LOG = logging.getLogger(__name__)
App = Callable[[dict, Callable, Callable], Awaitable[None]]
PREFIX = "/images/"
DAMAGED = (
    "Tệp ảnh lưu trữ bị hỏng; lần thu thập sau sẽ tải lại · "
    "The archived image file is damaged; the next crawl fetches it again"
)


def image_file(datasette: Any, path: str) -> Path | None:
    """The file an /images/ URL names in the archive's image folder, if the folder is mounted."""
    folder = dict(datasette.static_mounts).get("images")
    if folder is None or not path.startswith(PREFIX):
        return None
    return Path(folder) / unquote(path.removeprefix(PREFIX))


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def checked(scope: dict, receive: Callable, send: Callable) -> None:
            if scope.get("type") == "http":
                found = image_file(datasette, scope.get("path", ""))
                if found is not None and found.is_file() and not is_intact(found):
                    LOG.warning("404 for %s: the image file is damaged", scope["path"])
                    await Response.text(DAMAGED, status=404).asgi_send(send)
                    return
            await app(scope, receive, send)

        return checked

    return wrap
