"""A Datasette plugin: query-string values Datasette 0.65 cannot use are refused before it runs
them, with a 400 in its normal error page (JSON for .json URLs) saying what was wrong, in
Vietnamese then English. Unchecked, each of these is an HTTP 500: an unknown or unsortable
``_sort`` / ``_sort_desc`` (``rank`` included: Datasette cannot sort by relevance), both at
once, a ``_timelimit`` that is no integer, a view's ``_next`` that is no offset, a ``_through``
that is no JSON link to the table, a NUL in the SQL that ``_where``, ``_facet``... write, a CSV of
the database with no ``?sql=``, an ``/-/allow-debug`` actor or rule that is no JSON object.
A query stopped at the time limit is a 400 in every format (Datasette's CSV answers 500); so is
any other error Datasette raises on a value it could not use (it reports ``?_sort=nonexistent``
as a DatasetteError with status 500; a broken value may raise ValueError, sqlite3's
OperationalError...). A real fault of the server or the file stays a 500, logged.

Table checks run in ``filters_from_request`` (Datasette has resolved the table and calls it
before sorting or querying); the others, which need no table, in an ASGI wrapper."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.plugins import pm
from datasette.utils import await_me_maybe, tilde_decode
from datasette.utils.asgi import BadRequest, Request
from datasette.views.base import DatasetteError

LOG = logging.getLogger(__name__)
App = Callable[[dict, Callable, Callable], Awaitable[None]]

RANK = "rank"
RANKED_SEARCH = "/search"
# Datasette writes their values into the SQL itself (parameter names too: column filters,
# _search_<column>), where SQLite refuses a NUL
SQL_TEXT_PARAMS = ("_where", "_facet", "_fts_table", "_fts_pk")
# the column filters of table pages that Datasette binds as integers when they are digits
NUMERIC_FILTERS = ("__gt", "__gte", "__lt", "__lte")
THROUGH_KEYS = ("table", "column", "value")
SQLITE_INTEGER = 1 << 63
# /<database>.csv: Datasette's database page as CSV (only a query's result has rows)
DATABASE_CSV = re.compile(r"^/(?P<database>[^/.]+)\.csv$")
ALLOW_DEBUG = "/-/allow-debug"
# What Datasette raises on query-string values it cannot use (a real fault of the server or the
# file, such as sqlite3.DatabaseError or OSError, stays a 500)
REQUEST_FAULTS = (
    json.JSONDecodeError, sqlite3.ProgrammingError, sqlite3.OperationalError, ValueError,
    TypeError, KeyError, IndexError, OverflowError,
)  # fmt: skip


NOT_USABLE = "Yêu cầu không hợp lệ · Bad request"


def refusal(vietnamese: str, english: str) -> BadRequest:
    return BadRequest(f"{vietnamese} · {english}")


# --- table and view pages ------------------------------------------------------------------


@hookimpl
def filters_from_request(request: Request, database: str, table: str, datasette: Any) -> Any:
    async def check() -> None:
        db = datasette.get_database(database)
        is_view = bool(await db.get_view_definition(table))
        await check_sort(request, datasette, database, table, is_view)
        check_next(request, is_view)
        await check_through(request, db, table)

    return check


async def sortable_columns(datasette: Any, database: str, table: str, is_view: bool) -> list[str]:
    """The columns Datasette sorts ``table`` by (TableView.sortable_columns_for_table)."""
    declared = datasette.table_metadata(database, table).get("sortable_columns")
    if declared is not None:
        return list(declared)
    db = datasette.get_database(database)
    columns = await db.table_columns(table)
    if not is_view and not await db.primary_keys(table):
        columns.append("rowid")
    return columns


async def check_sort(
    request: Request, datasette: Any, database: str, table: str, is_view: bool
) -> None:
    sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
    if sort and sort_desc:
        raise refusal("Chỉ dùng một trong _sort và _sort_desc", "Use _sort or _sort_desc, not both")
    column = sort or sort_desc
    if not column:
        return
    sortable = await sortable_columns(datasette, database, table, is_view)
    if column in sortable:
        return
    shown = column if len(column) <= 60 else column[:60] + "…"
    if column == RANK:
        raise refusal(
            f"Không sắp xếp được theo '{RANK}': kết quả xếp theo mức liên quan ở {RANKED_SEARCH}",
            f"Cannot sort by '{RANK}': results ranked by relevance are at {RANKED_SEARCH}",
        )
    listed = ", ".join(sortable)
    raise refusal(
        f"Không sắp xếp được theo cột '{shown}' (sắp xếp được theo: {listed})",
        f"Cannot sort by '{shown}' (sortable: {listed})",
    )


def check_next(request: Request, is_view: bool) -> None:
    """A view's ``_next`` is the offset of its next page (a table's is a key, checked by
    Datasette)."""
    value = request.args.get("_next")
    if not is_view or not value:
        return
    if not (value.isascii() and value.isdigit() and is_integer_below(value, SQLITE_INTEGER)):
        raise refusal(
            "_next của một view là số thứ tự dòng (số nguyên từ 0)",
            "A view's _next is a row offset (a whole number from 0)",
        )


async def check_through(request: Request, db: Any, table: str) -> None:
    """``_through={"table": t, "column": c, "value": v}``: rows of this table that a row of t
    with c = v links to, through a foreign key of t."""
    for through in request.args.getlist("_through"):
        try:
            link = json.loads(through)
        except ValueError:
            link = None
        valid = (
            isinstance(link, dict)
            and all(isinstance(link.get(key), str) for key in THROUGH_KEYS[:2])
            and is_sql_value(link.get("value", ()))
            and await db.table_exists(link["table"])
            and link["column"] in await db.table_columns(link["table"])
            and any(
                fk["other_table"] == table for fk in await db.foreign_keys_for_table(link["table"])
            )
        )
        if not valid:
            raise refusal(
                f'_through không hợp lệ: cần JSON {{"table", "column", "value"}} của một bảng '
                f"liên kết tới {table}",
                f'Invalid _through: expected JSON {{"table", "column", "value"}} of a table '
                f"linking to {table}",
            )


def is_integer_below(text: str, limit: int) -> bool:
    try:
        return int(text) < limit
    except ValueError:  # digits int() does not read ("²")
        return False


def is_sql_value(value: Any) -> bool:
    """A JSON value SQLite can bind: text, a number within 64 bits, true/false, null."""
    if isinstance(value, int):
        return -SQLITE_INTEGER <= value < SQLITE_INTEGER
    return value is None or isinstance(value, str | float)


# --- any page ------------------------------------------------------------------------------


def request_problem(datasette: Any, request: Request) -> BadRequest | None:
    """What is wrong with a request whatever its page, or None."""
    for value in request.args.getlist("_timelimit"):
        if value and not is_time_limit(value):
            return refusal(
                "_timelimit là số mili giây, từ 0", "_timelimit is a number of milliseconds, from 0"
            )
    for key in request.args:
        values = request.args.getlist(key)
        if "\x00" in key or (key.startswith(SQL_TEXT_PARAMS) and any("\x00" in v for v in values)):
            shown = key.replace("\x00", "\\x00")
            return refusal(f"{shown} chứa ký tự NUL", f"{shown} holds a NUL character")
        if key.endswith(NUMERIC_FILTERS) and not all(
            is_integer_below(value, SQLITE_INTEGER)
            for value in request.args.getlist(key)
            if value.isdigit()
        ):
            return refusal(
                f"{key} cần một số nguyên dưới 2^63 (số nguyên của SQLite)",
                f"{key} needs an integer below 2^63 (SQLite's integers)",
            )
    if is_database_csv(datasette, request.path) and not (request.args.get("sql") or "").strip():
        return refusal(
            "Bản CSV của cơ sở dữ liệu cần một câu truy vấn ?sql=",
            "A CSV of the database needs a query: ?sql=",
        )
    if request.path == ALLOW_DEBUG and not allow_debug_objects(request):
        return refusal(
            "actor là một đối tượng JSON (hoặc null); allow là đối tượng JSON, true, false "
            "hoặc null",
            "actor is a JSON object (or null); allow is a JSON object, true, false or null",
        )
    return None


def is_database_csv(datasette: Any, path: str) -> bool:
    found = DATABASE_CSV.match(path)
    routes = {db.route for db in datasette.databases.values()}
    return found is not None and tilde_decode(found["database"]) in routes


def is_time_limit(value: str) -> bool:
    """What Datasette reads as a time limit (``int()``); a negative one interrupts every query."""
    try:
        return int(value) >= 0
    except ValueError:
        return False


def allow_debug_objects(request: Request) -> bool:
    """The actor and the allow rule of /-/allow-debug, where they are JSON, are of the kinds
    Datasette can match (its own page reports JSON that does not parse)."""
    kinds = {"actor": (dict, type(None)), "allow": (dict, bool, type(None))}
    for name, allowed in kinds.items():
        try:
            value = json.loads(request.args.get(name) or "{}")
        except ValueError:
            continue
        if not isinstance(value, allowed):
            return False
    return True


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def guarded(scope: dict, receive: Callable, send: Callable) -> None:
            if scope.get("type") == "http":
                request = Request(scope, receive)
                problem = request_problem(datasette, request)
                if problem is not None:
                    await (await error_page(datasette, request, problem)).asgi_send(send)
                    return
            await app(scope, receive, send)

        return guarded

    return wrap


@hookimpl
def handle_exception(datasette: Any, request: Request, exception: Exception) -> Any:
    """A 400 saying what to change, where the reader's request is at fault: a query stopped at
    the time limit (Datasette's pages answer 400, its CSV 500), a value Datasette reports as
    a DatasetteError with status 500, a value of the query string it could not use (logged,
    in case it is not the request's fault). Other errors are left to Datasette."""
    if isinstance(exception, QueryInterrupted):
        LOG.warning("400 for %s: query interrupted at the time limit", request.path)
        problem = refusal(
            "Truy vấn chạy quá thời gian cho phép: thu hẹp bộ lọc hoặc lấy ít dòng hơn",
            "The query took longer than allowed: narrow the filters or ask for fewer rows",
        )
    elif isinstance(exception, DatasetteError) and exception.status >= 500:
        problem = BadRequest(f"{NOT_USABLE}: {exception.message}")
    elif request is not None and request.query_string and isinstance(exception, REQUEST_FAULTS):
        LOG.warning("400 for %s: %r", request.path, exception, exc_info=exception)
        problem = BadRequest(f"{NOT_USABLE}: {type(exception).__name__}: {exception}")
    else:
        return None
    return error_page(datasette, request, problem)


async def error_page(datasette: Any, request: Request, problem: BadRequest) -> Any:
    """Datasette's own error page for ``problem`` (as its router renders one)."""
    hooks = pm.hook.handle_exception(datasette=datasette, request=request, exception=problem)
    for hook in hooks:
        answer = await await_me_maybe(hook)
        if answer is not None:
            return answer
    raise problem
