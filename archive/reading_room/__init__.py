"""The reading room: pages for journalists and researchers inside Datasette (a plugin
`khcn serve` registers): a search page, an article page, the archived copy, site pages and the
crawl status, with their templates and stylesheet. Datasette's own tables stay for SQL users."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from archive.reading_room import tables, views
from archive.reading_room.display import FILTERS

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
def menu_links() -> list[dict[str, str]]:
    return [
        {"href": "/search", "label": "Tìm kiếm · Search"},
        {"href": "/status", "label": "Tình trạng thu thập · Crawl status"},
    ]
