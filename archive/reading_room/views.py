"""The reading room's pages, as Datasette routes: search (and its CSV, JSON and Atom), article,
archived copy, site, crawl status. Each view reads the request, runs the pure functions of its
module in Datasette's database thread, and renders a template; bad input gets a page saying
what to fix, never an error page."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import sqlite_utils
from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import AsgiStream, Request, Response

from archive import export
from archive.db import warc_folder
from archive.filters import AmbiguousValue, UnknownValue, match_sites, match_values
from archive.reading_room import archived_copy, article_page, charts, feed, overview, search_page
from archive.reading_room.display import thousands, utc_date, vn_date
from archive.reading_room.search_page import FACETS, SearchError, SearchRequest
from archive.search import fts_query
from archive.warc import read_response

TIME_LIMIT_MS = 5000
MONTH_LABEL = "{1}/{0}"


async def _page(
    datasette: Any, request: Request, template: str, context: dict, status: int = 200
) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def _message(datasette: Any, request: Request, message: str, status: int) -> Response:
    return await _page(datasette, request, "khcn_message.html", {"message": message}, status)


def _limited(fn: Callable[[sqlite3.Connection], Any]) -> Callable[[sqlite3.Connection], Any]:
    def run(conn: sqlite3.Connection) -> Any:
        with sqlite_timelimit(conn, TIME_LIMIT_MS):
            return fn(conn)

    return run


# --- the search: what was asked ------------------------------------------------------------


def _chosen(conn: sqlite3.Connection, args: Any) -> dict[str, tuple[str, ...]]:
    db = sqlite_utils.Database(conn)
    typed = {facet: [v for v in args.getlist(facet) if v.strip()] for facet in FACETS}
    chosen: dict[str, tuple[str, ...]] = {}
    if typed["site"]:
        chosen["site"] = tuple(match_sites(db, typed["site"]))
    for facet, column in (("province", "province"), ("province_now", "province_current"),
                          ("category", "category")):  # fmt: skip
        if typed[facet]:
            chosen[facet] = tuple(match_values(db, column, typed[facet]))
    if typed["year"]:
        years = [v.strip() for v in typed["year"]]
        if not all(y.isdigit() and len(y) == 4 for y in years):
            raise SearchError("Năm có 4 chữ số, ví dụ 2024 · A year has four digits, e.g. 2024")
        chosen["year"] = tuple(dict.fromkeys(years))
    return chosen


def parse_request(conn: sqlite3.Connection, args: Any) -> SearchRequest:
    """The search a query string asks for; SearchError or UnknownValue says what to fix."""
    words = (args.get("q") or "").strip()[: search_page.MAX_QUERY_CHARS]
    if not fts_query(words):  # only quotes: nothing to look for
        words = ""
    sort = args.get("sort") or ""
    if sort not in search_page.SORTS:
        sort = "relevance" if words else "newest"
    try:
        page = min(search_page.MAX_PAGE, max(1, int(args.get("page") or 1)))
    except ValueError:
        page = 1
    return SearchRequest(
        words=words,
        chosen=_chosen(conn, args),
        since=search_page.read_date(args.get("from") or ""),
        until=search_page.read_date(args.get("to") or "", end=True),
        sort=sort,
        page=page,
    )


FIELD_WORDS = {
    "site": ("trang", "site"),
    "province": ("tỉnh khi đăng", "province"),
    "province_current": ("tỉnh hiện nay", "current province"),
    "category": ("chuyên mục", "category"),
}


def _problem(error: Exception) -> str:
    if isinstance(error, UnknownValue):
        vi, en = FIELD_WORDS.get(error.field, (error.field, error.field))
        known = ", ".join(error.suggestions[:8])
        if isinstance(error, AmbiguousValue):
            return (
                f"“{error.typed}” khớp nhiều {vi}: {known}; hãy gõ rõ hơn · "
                f"“{error.typed}” matches several: type more of one"
            )
        return (
            f"Không có {vi} “{error.typed}” trong kho" + (f"; gần nhất: {known}" if known else "")
            + f" · No {en} “{error.typed}” in the archive"
        )  # fmt: skip
    if isinstance(error, sqlite3.OperationalError):
        if "interrupt" in str(error):
            return (
                "Tìm kiếm này quá lâu: hãy thêm từ hoặc bộ lọc · This search took too long: "
                "add words or filters"
            )
        return "Không hiểu câu tìm kiếm: hãy bỏ bớt ký tự đặc biệt · Query not understood"
    return str(error)


def _asked(args: Any) -> Callable[[sqlite3.Connection], tuple[SearchRequest | None, str]]:
    def work(conn: sqlite3.Connection) -> tuple[SearchRequest | None, str]:
        try:
            return parse_request(conn, args), ""
        except (SearchError, UnknownValue) as error:
            return None, _problem(error)

    return work


# --- the search: links ---------------------------------------------------------------------


def _pairs(args: Any) -> list[tuple[str, str]]:
    return [(key, value) for key in args for value in args.getlist(key) if value != ""]


def link(args: Any, path: str = "/search", **change: Any) -> str:
    """The current search's URL with parameters changed (an empty value removes one); back to
    page 1 unless the page is the change."""
    pairs = [(k, v) for k, v in _pairs(args) if k not in change and k != "page"]
    for key, value in change.items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs += [(key, str(v)) for v in values if v not in (None, "")]
    query = urlencode(pairs)
    return f"{path}?{query}" if query else path


def toggle(args: Any, facet: str, value: str) -> str:
    """The current search with ``value`` added to, or removed from, the facet's filter."""
    current = args.getlist(facet)
    values = [v for v in current if v != value] if value in current else [*current, value]
    return link(args, **{facet: values})


def _year_chart(args: Any, result: search_page.SearchResult) -> Any:
    if not result.years:
        return ""
    counts = dict(result.years)
    first, last = result.years[0][0], result.years[-1][0]
    items = [
        charts.Bar(
            label=str(year), value=counts.get(year, 0),
            title=f"{year}: {thousands(counts.get(year, 0))} bài · articles",
            href=link(args, year=[str(year)]),
        )
        for year in range(first, last + 1)
    ]  # fmt: skip
    return charts.bars(items, height=80)


# --- the search: pages ---------------------------------------------------------------------


async def search(request: Request, datasette: Any) -> Response:
    db = datasette.get_database()
    args = request.args

    def work(conn: sqlite3.Connection) -> tuple[Any, Any, str]:
        asked, problem = _asked(args)(conn)
        if asked is None:
            return None, None, problem
        try:
            return asked, search_page.run(conn, asked), ""
        except sqlite3.OperationalError as error:
            return asked, None, _problem(error)

    asked, result, problem = await db.execute_fn(_limited(work))
    sites = [dict(r) for r in await db.execute("SELECT slug, name FROM sites ORDER BY name")]
    context = {
        "asked": asked, "result": result, "problem": problem, "args": args,
        "facet_labels": FACETS, "sites": sites,
        "link": lambda path="/search", **change: link(args, path, **change),
        "toggle": lambda facet, value: toggle(args, facet, value),
        "year_chart": _year_chart(args, result) if result else "",
        "site_names": {s["slug"]: s["name"] for s in sites},
    }  # fmt: skip
    return await _page(datasette, request, "khcn_search.html", context, 400 if problem else 200)


async def search_export(request: Request, datasette: Any) -> Response | AsgiStream:
    """Every article matching the search, in id order: CSV (UTF-8 with BOM, `khcn export`'s
    columns) or JSON (an array); the Atom feed is the newest 50."""
    db = datasette.get_database()
    fmt = request.url_vars["format"]
    asked, problem = await db.execute_fn(_asked(request.args))
    if asked is None:
        return Response.text(problem + "\n", status=400)
    if fmt == "atom":
        return await _atom(request, datasette, asked)
    columns = export.COLUMNS

    async def rows():
        after = 0
        while True:
            batch = await db.execute_fn(
                lambda conn, after=after: search_page.matching_rows(conn, asked, columns, after)
            )
            if not batch:
                return
            yield batch
            after = batch[-1]["id"]

    async def stream_csv(response: Any) -> None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        buffer.write("\ufeff")
        writer.writeheader()
        async for batch in rows():
            writer.writerows(batch)
            await response.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        await response.write(buffer.getvalue())

    async def stream_json(response: Any) -> None:
        first = True
        await response.write("[")
        async for batch in rows():
            for row in batch:
                await response.write(
                    ("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False)
                )
                first = False
        await response.write("\n]\n")

    name = "khcn-search"
    if fmt == "csv":
        headers = {"content-disposition": f'attachment; filename="{name}.csv"'}
        return AsgiStream(stream_csv, headers=headers, content_type="text/csv; charset=utf-8")
    return AsgiStream(stream_json, content_type="application/json; charset=utf-8")


async def _atom(request: Request, datasette: Any, asked: SearchRequest) -> Response:
    db = datasette.get_database()
    newest = SearchRequest(asked.words, asked.chosen, asked.since, asked.until, "newest", 1)
    try:
        rows = await db.execute_fn(_limited(lambda conn: search_page.page_rows(conn, newest)))
    except sqlite3.OperationalError as error:
        return Response.text(_problem(error) + "\n", status=400)
    base = f"{request.scheme}://{request.host}"
    title = "Lưu trữ tin KH&CN" + (f" — “{asked.words}”" if asked.words else "")
    body = feed.atom(
        title,
        feed_url=base + link(request.args, "/search.atom"),
        page_url=base + link(request.args, "/search"),
        base=base,
        rows=rows,
    )
    return Response(body, content_type="application/atom+xml; charset=utf-8")


# --- an article ----------------------------------------------------------------------------


async def article(request: Request, datasette: Any) -> Response:
    db = datasette.get_database()
    article_id = int(request.url_vars["id"])
    view = await db.execute_fn(lambda conn: article_page.load(conn, article_id))
    if view is None:
        return await _message(
            datasette, request, f"Không có bài số {article_id} · No article {article_id}", 404
        )
    row = view.article
    page_url = f"{request.scheme}://{request.host}/article/{article_id}"
    context = {
        "view": view, "a": row, "page_url": page_url,
        "citation": article_page.citation(
            row, page_url, vn_date(row.get("published")), utc_date(row.get("fetched_at"))
        ),
        "database": db.name,
    }  # fmt: skip
    return await _page(datasette, request, "khcn_article.html", context)


async def archived(request: Request, datasette: Any) -> Response:
    """The page as captured, from its WARC record, safe to open."""
    db = datasette.get_database()
    article_id = int(request.url_vars["id"])
    rows = await db.execute(
        "SELECT id, title, url, warc_file, warc_offset FROM articles WHERE id = ?", [article_id]
    )
    found = rows.first()
    if found is None or not found["warc_file"] or found["warc_offset"] is None:
        return await _message(
            datasette, request,
            "Bài này chưa có bản lưu WARC · This article has no archived capture", 404,
        )  # fmt: skip
    images = await db.execute(
        "SELECT url, path FROM images WHERE article_id = ? AND path IS NOT NULL", [article_id]
    )
    folder = warc_folder(db.path)
    try:
        response = await asyncio.to_thread(
            read_response, folder, found["warc_file"], found["warc_offset"]
        )
    except (OSError, ValueError) as error:
        return await _message(
            datasette, request,
            f"Không đọc được bản lưu · The capture cannot be read: {error}", 404,
        )  # fmt: skip
    banner = archived_copy.Banner(
        title=found["title"], url=found["url"], captured=utc_date(response.fetched_at),
        article_href=f"/article/{article_id}", warc_href=f"/warc/{found['warc_file']}",
    )  # fmt: skip
    html = await asyncio.to_thread(
        archived_copy.render, response, {r["url"]: r["path"] for r in images}, banner
    )
    return Response.html(
        html, headers={"content-security-policy": archived_copy.CONTENT_SECURITY_POLICY,
                       "x-robots-tag": "noindex"},
    )  # fmt: skip


async def old_article_link(request: Request, datasette: Any) -> Response:
    """The article query's old URL (``/<db>/article?id=N``) goes to the article page."""
    article_id = request.args.get("id") or ""
    return Response.redirect(f"/article/{article_id}" if article_id.isdigit() else "/search")


# --- sites and the operator ----------------------------------------------------------------


def month_chart(months: dict[str, int], href: Callable[[str], str]) -> Any:
    if not months:
        return ""
    span = charts.months_between(min(months), max(months))
    items = [
        charts.Bar(
            label=month[:4] if month.endswith("-01") or index == 0 else "",
            value=months.get(month, 0),
            title=f"{month[5:]}/{month[:4]}: {months.get(month, 0)} bài · articles",
            href=href(month),
        )
        for index, month in enumerate(span)
    ]  # fmt: skip
    return charts.bars(items, height=90)


# the articles whose portal names no province (the home page's "?" group): no search filter
# finds them, so their cells are not links
UNKNOWN_PROVINCE = "Chưa rõ tỉnh · Unknown"


def province_heatmap(counts: dict[tuple[str, str], int]) -> Any:
    if not counts:
        return ""
    provinces = sorted({p for p, _ in counts})
    span = charts.months_between(min(m for _, m in counts), max(m for _, m in counts))

    def label(province: str) -> str:
        return UNKNOWN_PROVINCE if province == "?" else province

    return charts.heatmap(
        provinces, span, counts,
        title=lambda p, m, n: f"{label(p)} · {m[5:]}/{m[:4]}: {n} bài · articles",
        href=lambda p, m: None if p == "?" else "/search?" + urlencode(
            {"province_now": p, "from": m, "to": m, "sort": "newest"}
        ),
        column_label=lambda m: m[:4],
        row_label=label,
    )  # fmt: skip


async def site(request: Request, datasette: Any) -> Response:
    db = datasette.get_database()
    slug = request.url_vars["slug"]
    found = await db.execute_fn(lambda conn: overview.site(conn, slug))
    if found is None:
        return await _message(datasette, request, f"Không có trang “{slug}” · No site {slug}", 404)
    chart = month_chart(
        found["months"],
        lambda m: "/search?" + urlencode({"site": slug, "from": m, "to": m, "sort": "newest"}),
    )
    history = history_chart(found["runs"])
    context = {"found": found, "chart": chart, "history": history, "database": db.name}
    return await _page(datasette, request, "khcn_site.html", context)


STATUS_TONES = {"ok": "#2e7d32", "degraded": "#b26a00", "failed": "#c62828", "running": "#1565c0"}


def history_chart(runs: list[dict[str, Any]]) -> Any:
    """One bar per run, oldest first: new and updated articles, coloured by the run's status."""
    items = []
    for run in runs:
        changed = run["articles_new"] + run["articles_updated"]
        title = (
            f"{utc_date(run['started'])}: {run['status']}, {run['articles_new']} mới · new, "
            f"{run['articles_updated']} cập nhật · updated, {run['failures']} lỗi · failed"
        )
        tone = STATUS_TONES.get(run["status"], "#888")
        items.append(charts.Bar((run["started"] or "")[5:10], changed, title, tone=tone))
    return charts.bars(items, height=70)


async def status(request: Request, datasette: Any) -> Response:
    db = datasette.get_database()
    rows = await db.execute_fn(overview.status)
    context = {"rows": rows, "tones": STATUS_TONES, "database": db.name}
    return await _page(datasette, request, "khcn_status.html", context)


async def home_context(datasette: Any) -> dict[str, Any]:
    """What the home page adds to Datasette's: totals and the per-province chart."""
    db = datasette.get_database()
    totals = await db.execute_fn(overview.totals)
    counts = await db.execute_fn(overview.per_month_per_province)
    return {"khcn_totals": totals, "khcn_heatmap": province_heatmap(counts)}
