"""No URL of the UI answers 5xx for any query-string value: every page of the demo archive —
Datasette's index, database, table, row and canned-query pages (HTML, JSON, CSV) and the reading
room's pages — is sent hostile values for every parameter it takes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from archive.publish import load_metadata, make_datasette

HOSTILE = (
    "", '"', "'", "*", "(", ")", "AND OR NOT", "\x00", "\\", "../../etc/passwd", "x" * 10_000,
    "chuyển đổi số", "-1", "1e309", "nonexistent", "rank", "body_html", "%", "NEAR(", "id",
    "2024-13-45", "99999999999999999999999", "<script>alert(1)</script>",
)  # fmt: skip
TABLE_PARAMS = (
    "_sort", "_sort_desc", "_search", "_facet", "_size", "_next", "_col", "_nocol", "_where",
    "_labels", "_through", "_shape", "_stream", "_json", "id__gt", "site__in", "year__gte",
    "title__contains", "published__date", "image_count__arraycontains", "_facet_array",
)  # fmt: skip
SEARCH_PARAMS = ("q", "site", "province", "province_now", "category", "year", "from", "to",
                 "sort", "page")  # fmt: skip


@pytest.fixture(scope="module")
def client(demo_archive: Path):
    datasette = make_datasette(demo_archive)
    return datasette


def statuses(datasette, paths: list[str]) -> dict[str, int]:
    async def fetch_all() -> dict[str, int]:
        found = {}
        for path in paths:
            try:
                response = await datasette.client.get(path)
            except httpx.InvalidURL:  # a URL no browser would send (a raw NUL): not ours to answer
                continue
            found[path] = response.status_code
        return found

    return asyncio.run(fetch_all())


def pages(demo_archive: Path) -> dict[str, tuple[str, ...]]:
    """Every page of the UI, with the parameters it reads."""
    database = demo_archive.stem
    metadata = load_metadata(demo_archive)["databases"][database]
    found: dict[str, tuple[str, ...]] = {"/": (), f"/{database}": ("sql",), "/-/versions": ()}
    for suffix in ("", ".json", ".csv"):  # the wide table in every format, the others as pages
        found[f"/{database}/articles{suffix}"] = TABLE_PARAMS
    for table in ("images", "sites", "crawl_runs", "crawl_failures", "health",
                  "article_versions", "held_captures"):  # fmt: skip
        found[f"/{database}/{table}"] = TABLE_PARAMS[:12]
    found[f"/{database}/articles/1"] = ("_shape",)
    for name, query in metadata.get("queries", {}).items():
        params = tuple(
            p for p in (*SEARCH_PARAMS, "since", "until", "author", "id") if f":{p}" in query["sql"]
        )
        for suffix in ("", ".json"):
            found[f"/{database}/{name}{suffix}"] = params or ("_shape",)
    for path in ("/search", "/search.csv", "/search.json", "/search.atom"):
        found[path] = SEARCH_PARAMS
    for path in ("/article/1", "/article/1/archived", "/article/999999", "/site/hpstic",
                 "/site/nonexistent", "/status", f"/{database}/article"):  # fmt: skip
        found[path] = ("id", "page", "q")
    return found


def test_no_page_answers_5xx_for_any_value(client, demo_archive: Path) -> None:
    urls = []
    for path, params in pages(demo_archive).items():
        urls.append(path)
        for param in params:
            urls += [f"{path}?{quote(param)}={quote(value, safe='')}" for value in HOSTILE]
    answered = statuses(client, urls)
    assert len(answered) > 1500
    broken = {url[:160]: status for url, status in answered.items() if status >= 500}
    assert not broken, broken


def test_a_bad_sort_is_a_400_saying_what_is_wrong(client) -> None:
    answered = asyncio.run(client.client.get("/demo/articles?_sort=nonexistent"))
    assert answered.status_code == 400
    assert (
        "Cannot sort table by nonexistent" in answered.text
        and "Yêu cầu không hợp lệ" in answered.text
    )
    as_json = asyncio.run(client.client.get("/demo/articles.json?_sort=nonexistent"))
    assert as_json.status_code == 400 and as_json.json()["ok"] is False
