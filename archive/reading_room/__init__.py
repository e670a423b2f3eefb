"""The reading room: pages for journalists and researchers inside Datasette (a plugin
`khcn serve` registers): a search page, an article page, the archived copy, site pages and the
crawl status, with their templates and stylesheet. Datasette's own tables stay for SQL users."""

from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any

from datasette import hookimpl
from datasette.views.base import DatasetteError

from archive.reading_room import tables, views
from archive.reading_room.display import FILTERS

LOG = logging.getLogger(__name__)
# What Datasette raises on query-string values it cannot use (a real fault of the server or the
# file, such as sqlite3.DatabaseError or OSError, stays a 500)
REQUEST_FAULTS = (
    json.JSONDecodeError, sqlite3.ProgrammingError, sqlite3.OperationalError, ValueError,
    TypeError, KeyError, IndexError, OverflowError,
)  # fmt: skip
ROUTES = (
    (r"^/search$", views.search),
    (r"^/search\.(?P<format>csv|json|atom)$", views.search_export),
    (r"^/article/(?P<id>\d{1,18})$", views.article),
    (r"^/article/(?P<id>\d{1,18})/archived$", views.archived),
    (r"^/site/(?P<slug>[A-Za-z0-9_-]{1,100})$", views.site),
    (r"^/status$", views.status),
    (r"^/(?P<database>[^/]+)/article$", views.old_article_link),
)


@hookimpl
def register_routes() -> tuple:
    return ROUTES


@hookimpl
def asgi_wrapper() -> Any:
    return tables.wrap


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters.update(FILTERS)


@hookimpl
def extra_css_urls() -> list[str]:
    return ["/-/static-plugins/archive.reading_room/reading-room.css"]


@hookimpl
def extra_template_vars(template: str, datasette: Any) -> Any:
    if template != "index.html":
        return {}

    async def home() -> dict[str, Any]:
        return await views.home_context(datasette)

    return home


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None) -> Any:
    return tables.cell(row, value, column, table)


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """Datasette reports a query-string value it cannot use (``?_sort=nonexistent``,
    ``_sort=rank`` without a search) as a DatasetteError with status 500: it is the reader's
    request that is wrong, so it is a 400 saying what to change. Other errors are left to
    Datasette (real faults stay 500, with their traceback in the log)."""
    if isinstance(exception, DatasetteError) and exception.status >= 500:
        return views.bad_request(datasette, request, exception.message)
    if request is not None and request.query_string and isinstance(exception, REQUEST_FAULTS):
        # a value of the query string Datasette could not use (a NUL in ?_facet=, a broken
        # ?_through= JSON): the request is at fault; logged, in case it is not
        LOG.warning("400 for %s: %r", request.path, exception, exc_info=exception)
        return views.bad_request(datasette, request, f"{type(exception).__name__}: {exception}")
    return None


@hookimpl
def menu_links() -> list[dict[str, str]]:
    return [
        {"href": "/search", "label": "Tìm kiếm · Search"},
        {"href": "/status", "label": "Tình trạng thu thập · Crawl status"},
    ]
