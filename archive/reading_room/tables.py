"""The articles table for people: its page shows short columns (the body is one click away,
on the article page), and its CSV and JSON carry the curated columns of `khcn export`. The
HTML and helper columns come only when asked for with ``_col`` / ``_nocol``. An ASGI wrapper
that fills in ``_col`` before Datasette reads the request."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from markupsafe import Markup

from archive.export import COLUMNS
from archive.reading_room.display import vn_date

ARTICLES_PAGE = re.compile(r"^/[^/]+/articles(?P<format>\.csv|\.json)?$")
PRIMARY_KEY = "id"  # Datasette always selects it; naming it in _col would repeat it
# the page: what a reader scans (no body_text, no body_html, no helper columns)
SHORT_COLUMNS = (
    "published", "title", "site", "province", "province_current", "category", "author",
    "image_count",
)  # fmt: skip
DATE_COLUMNS = frozenset({"published"})
CHOSEN = ("_col", "_nocol")

App = Callable[[dict, Callable, Callable], Awaitable[None]]


def default_columns(path: str, query: str) -> str:
    """The query string with the default columns of an articles page added, when it names none:
    short ones for the page, the curated export set for CSV and JSON (also when the CSV link of
    a default page carries the short set)."""
    match = ARTICLES_PAGE.match(path)
    if match is None:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    chosen = [value for key, value in pairs if key == "_col"]
    exported = match["format"] is not None
    if any(key in CHOSEN for key, _ in pairs) and not (exported and tuple(chosen) == SHORT_COLUMNS):
        return query
    columns = COLUMNS if exported else SHORT_COLUMNS
    dropped = (*CHOSEN, "_labels") if exported else CHOSEN  # no site_label column in files
    kept = [(key, value) for key, value in pairs if key not in dropped]
    return urlencode(kept + [("_col", c) for c in columns if c != PRIMARY_KEY])


def wrap(app: App) -> App:
    async def with_default_columns(scope: dict, receive: Callable, send: Callable) -> Any:
        if scope.get("type") == "http":
            query = scope.get("query_string", b"").decode("utf-8", "replace")
            changed = default_columns(scope.get("path", ""), query)
            if changed != query:
                scope = {**scope, "query_string": changed.encode("ascii")}
        await app(scope, receive, send)

    return with_default_columns


def cell(row: Any, value: Any, column: str, table: str | None) -> Markup | None:
    """Table cells read as on the reading room's pages: an article's title links to its page,
    a publication date reads 26/06/2024 (the ISO value in ``datetime``)."""
    if not isinstance(value, str) or not value:
        return None
    if table in ("articles", "article_versions") and column in DATE_COLUMNS:
        return Markup('<time datetime="{}">{}</time>').format(value, vn_date(value))
    if table == "articles" and column == "title" and "id" in row.keys():  # noqa: SIM118 (a Row)
        return Markup('<a href="/article/{}">{}</a>').format(row["id"], value)
    return None
