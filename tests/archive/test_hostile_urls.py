"""No URL of the UI answers 5xx for any query-string value: every page of the demo archive —
Datasette's index, database page, every table and view (HTML, JSON, CSV), a row of each table,
every canned query, its /-/ pages, and the reading room's pages — is sent hostile values for
every parameter it reads. Values Datasette cannot use are a 400 saying what was wrong
(archive/guard.py), in Datasette's own error page."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from datasette.utils import path_from_row_pks

from archive.publish import load_metadata, make_datasette

HOSTILE = (
    "", '"', "'", "*", "(", ")", "AND OR NOT", "\x00", "\\", "../../etc/passwd", "x" * 10_000,
    "chuyển đổi số", "-1", "1e309", "nonexistent", "rank", "body_html", "{", "NEAR(",
    "2024-13-45", "99999999999999999999999",
)  # fmt: skip
# what Datasette 0.65's table and view pages read; {column} is the page's first column
TABLE_PARAMS = (
    "_sort", "_sort_desc", "_search", "_facet", "_facet_array", "_facet_date", "_facet_size",
    "_size", "_next", "_col", "_nocol", "_where", "_through", "_labels", "_label", "_shape",
    "_json", "_stream", "_timelimit", "_fts_table", "_fts_pk", "_searchmode", "_search_title",
    "_nl", "_header", "_sort_by_desc", "{column}__gt", "{column}__in",
    "{column}__arraycontains", "{column}__date", "nonexistent__exact",
)  # fmt: skip
ROW_PARAMS = ("_shape", "_json", "_labels", "_extras", "_timelimit")
QUERY_PARAMS = ("_shape", "_json", "_size", "_timelimit", "_stream", "_trace", "_hide_sql")
INDEX_PARAMS = ("_sort", "_shape")
SPECIAL_PAGES = (
    "metadata", "versions", "plugins", "settings", "threads", "databases", "actor", "config",
    "permissions", "messages", "allow-debug", "patterns", "auth-token", "logout",
)  # fmt: skip
SPECIAL_PARAMS = ("_shape", "all", "actor", "allow", "token", "message")
SEARCH_PARAMS = ("q", "site", "province", "province_now", "category", "year", "from", "to",
                 "sort", "page")  # fmt: skip
# The reading room's pages, with the parameters each reads: each is sent every value for every
# parameter (more pages go here).
READING_ROOM_PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    *((path, SEARCH_PARAMS) for path in ("/search", "/search.csv", "/search.json", "/search.atom")),
    *((path, ("id", "page", "q")) for path in ("/article/1", "/article/1/archived",
                                               "/article/999999", "/site/hpstic",
                                               "/site/nonexistent", "/status", "/demo/article")),
)  # fmt: skip
FORMATS = ("", ".json", ".csv")
NAMED_PARAMETER = re.compile(r"(?<![:\w]):([a-zA-Z]\w*)")


@pytest.fixture(scope="module")
def datasette(demo_archive: Path) -> Any:
    return make_datasette(demo_archive)


def get(datasette: Any, path: str) -> httpx.Response:
    return asyncio.run(datasette.client.get(path))


def with_value(page: str, param: str, value: str) -> str:
    """``page`` (a path, perhaps with a query already) with ``param=value`` added;
    ``{column}`` in ``param`` is the column named after a ``#`` in ``page``."""
    path, _, column = page.partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}{quote(param.format(column=column))}={quote(value, safe='')}"


def every_value(pages: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Each page alone, and with every value for every parameter it reads."""
    urls = [path for path, _ in pages]
    for path, params in pages:
        urls += [with_value(path, param, value) for param in params for value in HOSTILE]
    return urls


def each_value_once(pages: list[str], params: tuple[str, ...], turn: int = 0) -> list[str]:
    """Pages of one kind, reading the same parameters: each page alone, then every value for
    every parameter sent once, to the pages in turn. With no more pages than values, every page
    is sent every parameter (with a share of the values); ``turn`` changes which page gets which
    value (another format of the same pages gets the others)."""
    urls = [page.partition("#")[0] for page in pages]
    for p, param in enumerate(params):
        for v, value in enumerate(HOSTILE):
            urls.append(with_value(pages[(p + v + turn) % len(pages)], param, value))
    return urls


async def datasette_urls(datasette: Any, demo_archive: Path) -> list[str]:
    """Every page of Datasette's UI, with hostile values for every parameter it reads."""
    db = datasette.get_database()
    tables = [*await db.table_names(), *await db.view_names()]  # hidden ones have URLs too
    first_columns = [(await db.table_columns(table))[0] for table in tables]
    rows = []
    for table in await db.table_names():
        keys = await db.primary_keys(table) or ["rowid"]
        row = (await db.execute(f"select {', '.join(keys)} from [{table}] limit 1")).first()
        if row is not None:
            rows.append(f"/{db.name}/{table}/{path_from_row_pks(row, keys, keys == ['rowid'])}")
    queries = load_metadata(demo_archive)["databases"][db.name]["queries"]
    assert len(tables) > 15 and len(rows) > 10 and len(queries) >= 4
    urls = []
    for turn, suffix in enumerate(FORMATS):  # each table page, each parameter, in each format
        pages = [f"/{db.name}/{t}{suffix}#{c}" for t, c in zip(tables, first_columns, strict=True)]
        urls += each_value_once(pages, TABLE_PARAMS, turn)
    for name, query in queries.items():  # a canned query's own parameters: every value
        named = tuple(dict.fromkeys(NAMED_PARAMETER.findall(query["sql"])))
        urls += every_value([(f"/{db.name}/{name}{suffix}", named) for suffix in FORMATS])
    urls += every_value([(f"/{db.name}{suffix}", ("sql",)) for suffix in FORMATS])
    query_pages = [f"/{db.name}/{name}{suffix}" for name in queries for suffix in FORMATS]
    urls += each_value_once(query_pages, QUERY_PARAMS)
    urls += each_value_once(
        [f"/{db.name}{suffix}?sql=select+1" for suffix in FORMATS], QUERY_PARAMS
    )
    urls += each_value_once([path + suffix for path in rows for suffix in FORMATS[:2]], ROW_PARAMS)
    urls += each_value_once(["/", "/.json"], INDEX_PARAMS)
    special = [f"/-/{page}{suffix}" for page in SPECIAL_PAGES for suffix in FORMATS[:2]]
    urls += each_value_once(special, SPECIAL_PARAMS)
    urls += every_value([("/-/allow-debug", ("actor", "allow"))])
    return urls


def test_no_page_answers_5xx_for_any_value(datasette, demo_archive: Path) -> None:
    urls = asyncio.run(datasette_urls(datasette, demo_archive))
    urls += every_value(list(READING_ROOM_PAGES))

    async def fetch_all() -> dict[str, int]:
        return {url: (await datasette.client.get(url)).status_code for url in urls}

    answered = asyncio.run(fetch_all())
    tables = asyncio.run(datasette.get_database().table_names())
    paths = {url.partition("?")[0] for url in answered}
    assert {f"/demo/{table}{suffix}" for table in tables for suffix in FORMATS} <= paths
    assert {"/demo/search.csv", "/demo.csv", "/-/allow-debug", "/search", "/status"} <= paths
    assert any(re.fullmatch(r"/demo/articles/\d+\.json", path) for path in paths)
    broken = {url[:160]: status for url, status in answered.items() if status >= 500}
    assert not broken, broken


def json_url(url: str) -> str | None:
    """The same request for JSON, where the page has a JSON form."""
    path, _, query = url.partition("?")
    if path.startswith("/-/") or "." in path.rsplit("/", 1)[-1]:
        return None
    return f"{path}.json?{query}"


@pytest.mark.parametrize(
    ("url", "vietnamese", "english"),
    [
        ("/demo/articles?_sort=nonexistent", "Không sắp xếp được theo cột 'nonexistent'",
         "Cannot sort by 'nonexistent'"),
        ("/demo/articles?_sort_desc=x", "Không sắp xếp được theo cột 'x'", "Cannot sort by 'x'"),
        ("/demo/articles?_sort=body_html", "Không sắp xếp được theo cột 'body_html'",
         "sortable: published, title"),
        ("/demo/articles?_search=dao&_sort=rank", "Không sắp xếp được theo 'rank'", "/search"),
        ("/demo/sites?_sort=rowid", "Không sắp xếp được theo cột 'rowid'", "sortable: slug"),
        ("/demo/articles?_sort=title&_sort_desc=title", "Chỉ dùng một trong _sort và _sort_desc",
         "not both"),
        ("/demo/articles_fts_source?_next=x", "_next của một view", "row offset"),
        ("/demo/articles?_through=x", "_through không hợp lệ", "linking to articles"),
        ('/demo/articles?_through={"table":"images","column":"id","value":[1]}',
         "_through không hợp lệ", "Invalid _through"),
        ('/demo/articles?_through={"table":"sites","column":"slug","value":"x"}',
         "_through không hợp lệ", "Invalid _through"),
        ("/demo/articles?_facet=%00", "_facet chứa ký tự NUL", "NUL character"),
        ("/demo/articles?_where=%00", "_where chứa ký tự NUL", "NUL character"),
        ("/demo/articles?_search=a&_fts_pk=%00", "_fts_pk chứa ký tự NUL", "NUL character"),
        ("/demo/articles?id__gt=99999999999999999999", "id__gt cần một số nguyên dưới 2^63",
         "needs an integer"),
        ("/demo/articles?id__lt=%C2%B2", "id__lt cần một số nguyên", "needs an integer"),
        ("/demo/search?_timelimit=x", "_timelimit là số mili giây", "milliseconds"),
        ("/demo/articles?_timelimit=-1", "_timelimit là số mili giây", "milliseconds"),
        ("/demo.csv", "cần một câu truy vấn ?sql=", "needs a query"),
        ("/-/allow-debug?allow=-1", "allow là đối tượng JSON", "allow is a JSON object"),
    ],
)  # fmt: skip
def test_a_value_datasette_cannot_use_is_a_400_saying_so(
    datasette, url: str, vietnamese: str, english: str
) -> None:
    answered = get(datasette, url)
    assert answered.status_code == 400
    page = answered.text.replace("&#39;", "'")
    assert "<h1>Error 400</h1>" in page  # Datasette's own error page
    assert vietnamese in page and english in page
    assert page.index(vietnamese) < page.index(english)
    if (as_json := json_url(url)) is not None:
        answered = get(datasette, as_json)
        assert answered.status_code == 400 and answered.json()["ok"] is False
        assert vietnamese in answered.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/demo/articles?_sort=title", "/demo/articles?_sort_desc=published",
        "/demo/sites?_sort=slug", "/demo/articles_fts_source?_next=5",
        "/demo/articles_fts_source?_sort=title",
        '/demo/articles?_through={"table":"images","column":"id","value":1}',
        "/demo/articles?_timelimit=2000", "/demo/articles?id__gt=9223372036854775807",
        "/demo.csv?sql=select+1", "/demo/articles?_facet=site", "/search.csv?q=khoa+hoc",
        '/-/allow-debug?actor={"id":"x"}&allow={"id":"*"}', "/-/allow-debug?allow=true",
    ],
)  # fmt: skip
def test_values_datasette_can_use_still_answer(datasette, url: str) -> None:
    assert get(datasette, url).status_code == 200


@pytest.mark.parametrize(
    "q", ["", '"', "'", '"""', "*", "(", ")", "AND", "OR NOT", "-", "\x00", "a\x00b", "NEAR(",
          "x" * 10_000, " "],
)  # fmt: skip
def test_the_canned_search_answers_a_bad_q_with_no_rows(datasette, q: str) -> None:
    answered = get(datasette, f"/demo/search.json?_shape=array&q={quote(q, safe='')}")
    assert answered.status_code == 200 and answered.json() == []


def test_the_canned_search_still_finds(datasette) -> None:
    answered = get(datasette, "/demo/search.json?_shape=array&q=chuyen+doi+so")
    assert answered.status_code == 200 and len(answered.json()) > 5


def test_a_query_stopped_at_the_time_limit_is_a_400_in_every_format_and_logged(
    datasette, caplog: pytest.LogCaptureFixture
) -> None:
    endless = quote("with recursive n(i) as (select 1 union all select i + 1 from n) "
                    "select count(*) from n")  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="archive.guard"):
        for suffix in FORMATS:
            answered = get(datasette, f"/demo{suffix}?sql={endless}&_timelimit=20")
            assert answered.status_code == 400, suffix
    assert "Truy vấn chạy quá thời gian cho phép" in answered.text  # the CSV's answer
    assert "query interrupted" in caplog.text
