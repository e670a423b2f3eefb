"""The reading room's search: what a person asked (words, filters typed as they like, a date
range, an order, a page), the matching articles, and the counts that let them narrow it.

Facet counts, the per-year chart and the total come from one pass over the matching rows: each
facet counts the rows that satisfy every other filter, so that choosing one province still shows
the others to add. Pure functions over a sqlite3 connection: Datasette runs them in its thread."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from archive.filters import conditions
from archive.search import fts_query

PAGE_SIZE = 20
MAX_PAGE = 500  # deeper than this nobody reads; a narrower search does better
FACET_SIZE = 12
MAX_QUERY_CHARS = 500
# snippet() markers: control characters, never in stored text, turned into <mark> when shown
MARK_START, MARK_END = "\x02", "\x03"
FACETS: dict[str, str] = {
    "site": "Trang · Site",
    "province": "Tỉnh khi đăng · Province then",
    "province_now": "Tỉnh hiện nay · Province now",
    "category": "Chuyên mục · Category",
    "year": "Năm · Year",
}
COLUMN = {"site": "site", "province": "province", "province_now": "province_current",
          "category": "category", "year": "year"}  # fmt: skip
SORTS = ("relevance", "newest", "oldest")


class SearchError(ValueError):
    """Input a person can fix; the message says how (Vietnamese first)."""


@dataclass(frozen=True)
class SearchRequest:
    """A search as asked: words, chosen values per facet (stored values), a date range."""

    words: str = ""
    chosen: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive
    sort: str = "relevance"
    page: int = 1

    @property
    def ranked(self) -> bool:
        return bool(self.words) and self.sort == "relevance"


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    chosen: bool


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    rows: list[dict[str, Any]]
    facets: dict[str, list[FacetValue]]
    years: list[tuple[int, int]]  # (year, matches) over the matches of every other filter

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))


_DATE_FORMS = (
    (re.compile(r"^(\d{4})$"), lambda m, end: f"{m[1]}-12-31" if end else f"{m[1]}-01-01"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), lambda m, end: _month_bound(int(m[1]), int(m[2]), end)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), lambda m, _: _iso(m[1], m[2], m[3])),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), lambda m, _: _iso(m[3], m[2], m[1])),
    (re.compile(r"^(\d{1,2})[/.-](\d{4})$"), lambda m, e: _month_bound(int(m[2]), int(m[1]), e)),
)  # fmt: skip


def _iso(year: str, month: str, day: str) -> str:
    return date(int(year), int(month), int(day)).isoformat()


def _month_bound(year: int, month: int, end: bool) -> str:
    if not end:
        return date(year, month, 1).isoformat()
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()


def read_date(typed: str, end: bool = False) -> str:
    """A date as people type it (2024, 2024-06, 06/2024, 26/06/2024, 2024-06-26) as ISO; a
    year or month alone means its first day, or its last when ``end``."""
    text = typed.strip()
    if not text:
        return ""
    for pattern, build in _DATE_FORMS:
        match = pattern.match(text)
        if match:
            try:
                return build(match, end)
            except ValueError:
                break
    raise SearchError(
        f"Không hiểu ngày “{text}”: hãy gõ 2024, 06/2024 hoặc 26/06/2024 · "
        f"Date not understood: type 2024, 06/2024 or 26/06/2024"
    )


def _where(request: SearchRequest, skip: str | None = None) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on ``a`` (articles) for the date range and every chosen facet but ``skip``."""
    values = {COLUMN[f]: v for f, v in request.chosen.items() if f != skip}
    return conditions(values, request.since, request.until)


def _matches_sql(request: SearchRequest, columns: str, where: list[str]) -> str:
    source = "articles a"
    if request.words:
        source = (
            "(SELECT rowid AS id, bm25(articles_fts) AS score FROM articles_fts "
            "WHERE articles_fts MATCH :match) h JOIN articles a ON a.id = h.id"
        )
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return f"SELECT {columns} FROM {source}{clause}"


def _base_params(request: SearchRequest) -> dict[str, Any]:
    return {"match": fts_query(request.words)} if request.words else {}


# The facet columns in the order of the index migration 0013 made for them, and `published`
# after them for the date range: everything a count reads is in that index.
FACET_INDEX = "idx_articles_search_facets"
FACET_COLUMNS = ", ".join(f"a.{COLUMN[f]}" for f in COLUMN)
MATCHES = "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH :match"
SCORED = (
    "SELECT rowid AS id, bm25(articles_fts) AS score FROM articles_fts "
    "WHERE articles_fts MATCH :match"
)
# From this many matches on, a count scans the facet index whole, in its order (no sort), and
# asks of each entry whether it matches; below it, each match is looked up (issue 13 §8: the
# two cost the same at about 10,000 matches of 200,000).
BROAD = 10_000


def _broad(conn: sqlite3.Connection, params: dict[str, Any]) -> bool:
    """Whether the words match at least BROAD articles (counted up to there, no further)."""
    sql = f"SELECT count(*) FROM ({MATCHES} LIMIT {BROAD})"
    return conn.execute(sql, params).fetchone()[0] >= BROAD


def _counted_sql(matches: str | None, broad: bool, dates: list[str]) -> str:
    """The matches (ids from ``matches``, or every article) grouped by their facet values."""
    if matches is None:
        source, where = f"articles a INDEXED BY {FACET_INDEX}", dates
    elif broad:
        source, where = f"articles a INDEXED BY {FACET_INDEX}", [f"a.id IN ({matches})", *dates]
    else:
        source, where = f"({matches}) hits CROSS JOIN articles a ON a.id = hits.id", dates
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return f"SELECT {FACET_COLUMNS}, count(*) FROM {source}{clause} GROUP BY {FACET_COLUMNS}"


def _tally(
    request: SearchRequest, groups: Iterable[Sequence[Any]]
) -> tuple[int, dict[str, Counter], Counter]:
    """Facet counts from the matches grouped by their facet values (a few thousand groups at
    most): each group counts for every facet whose other filters it satisfies."""
    facets = list(COLUMN)
    counts: dict[str, Counter] = {f: Counter() for f in facets}
    chosen = [set(request.chosen.get(f, ())) for f in facets]
    total = 0
    for *values, n in groups:
        row = [_text(v) for v in values]
        misses = [i for i, wanted in enumerate(chosen) if wanted and row[i] not in wanted]
        if not misses:
            total += n
            for i, facet in enumerate(facets):
                counts[facet][row[i]] += n
        elif len(misses) == 1:
            counts[facets[misses[0]]][row[misses[0]]] += n
    years = Counter({int(y): n for y, n in counts["year"].items() if y})
    return total, counts, years


def count_facets(
    conn: sqlite3.Connection, request: SearchRequest
) -> tuple[int, dict[str, Counter], Counter]:
    """One pass over the rows matching the words and dates: the total matching every filter,
    each facet's counts over the rows matching every other filter, and matches per year."""
    dates, params = conditions({}, request.since, request.until)
    params |= _base_params(request)
    matches = MATCHES if request.words else None
    broad = bool(request.words) and _broad(conn, params)
    return _tally(request, conn.execute(_counted_sql(matches, broad, dates), params))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _window(request: SearchRequest) -> str:
    return f"LIMIT {PAGE_SIZE} OFFSET {(request.page - 1) * PAGE_SIZE}"


def _chosen_ids(where: list[str]) -> str:
    """The articles every filter admits, as a set a query probes (``+`` keeps the index from
    seeking each of them: it would rank the matches anew for every one)."""
    return f" AND +id IN (SELECT a.id FROM articles a WHERE {' AND '.join(where)})" if where else ""


def page_ids(conn: sqlite3.Connection, request: SearchRequest) -> list[int]:
    """The ids of the requested page's articles, in order: best match first (ties by id, as
    archive.search and the canned `search` query break them), or newest, or oldest.

    Ranked: the index ranks its matches alone (bm25), the filters as a set of ids it probes.
    Newest first without facet filters, for words matching many articles: the publication
    index read from its end, each entry asked whether it matches, stopping at the page."""
    where, params = _where(request)
    params |= _base_params(request)
    if request.ranked:
        sql = (
            f"SELECT id FROM ({SCORED}) WHERE 1{_chosen_ids(where)} "
            f"ORDER BY score, id {_window(request)}"
        )
        return [row[0] for row in conn.execute(sql, params)]
    # NULLs sort first in SQLite: read backwards, the publication index gives the order of
    # "published IS NULL, published DESC, id DESC" itself
    order = {
        "newest": "a.published DESC, a.id DESC",
        "oldest": "a.published IS NULL, a.published, a.id",
        "relevance": "a.published DESC, a.id",  # nothing to rank without words
    }[request.sort]
    source, conds = "articles a", where
    if request.words:
        chosen_facets = any(request.chosen.values())
        if request.sort == "newest" and not chosen_facets and _broad(conn, params):
            source = "articles a INDEXED BY idx_articles_published"
            conds = [f"a.id IN ({MATCHES})", *where]
        else:
            source = "articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
            conds = ["articles_fts MATCH :match", *where]
    clause = f" WHERE {' AND '.join(conds)}" if conds else ""
    sql = f"SELECT a.id FROM {source}{clause} ORDER BY {order} {_window(request)}"
    return [row[0] for row in conn.execute(sql, params)]


def _ranked_in_one_pass(
    conn: sqlite3.Connection, request: SearchRequest
) -> tuple[int, dict[str, Counter], Counter, list[int]]:
    """A ranked search in one statement: the index finds and ranks its matches once (bm25),
    kept as a materialised set, which gives both the facet counts and the page's ids."""
    where, params = _where(request)
    dates, date_params = conditions({}, request.since, request.until)
    params |= date_params | _base_params(request)
    counted = _counted_sql("SELECT id FROM m", _broad(conn, params), dates)
    counted = counted.replace("SELECT ", "SELECT 0, ", 1)
    page = (
        f"SELECT 1, id, score, NULL, NULL, NULL, NULL FROM (SELECT id, score FROM m "
        f"WHERE 1{_chosen_ids(where)} ORDER BY score, id {_window(request)})"
    )
    sql = f"WITH m AS MATERIALIZED ({SCORED}) {counted} UNION ALL {page}"
    groups, ranked = [], []
    for part, *values in conn.execute(sql, params):
        (groups if part == 0 else ranked).append(values)
    total, counts, years = _tally(request, groups)
    ids = [row[0] for row in sorted(ranked, key=lambda row: (row[1], row[0]))]
    return total, counts, years, ids


def page_rows(
    conn: sqlite3.Connection, request: SearchRequest, ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """The articles of the requested page, best match (or newest, or oldest) first (``ids``:
    the page's, when they are known already)."""
    ids = page_ids(conn, request) if ids is None else ids
    if not ids:
        return []
    params = _base_params(request)
    snippet, source, match = "NULL", "articles a", "a.id"
    if request.words:
        snippet = f"snippet(articles_fts, 2, '{MARK_START}', '{MARK_END}', '…', 32)"
        source = "articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
        match = "articles_fts MATCH :match AND articles_fts.rowid"
    wanted = ", ".join(str(int(i)) for i in ids)
    sql = (
        "SELECT a.id, a.title, a.published, a.site, s.name AS site_name, a.province, "
        "a.province_current, a.category, a.author, a.url, a.image_count, a.summary, a.first_seen, "
        f"substr(a.body_text, 1, 320) AS lead, {snippet} AS snippet "
        f"FROM {source} LEFT JOIN sites s ON s.slug = a.site WHERE {match} IN ({wanted})"
    )
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    by_id = {row[0]: dict(zip(names, row, strict=True)) for row in cursor}
    return [by_id[i] for i in ids if i in by_id]


def run(conn: sqlite3.Connection, request: SearchRequest) -> SearchResult:
    ids = None
    if request.ranked:
        total, counts, years, ids = _ranked_in_one_pass(conn, request)
    else:
        total, counts, years = count_facets(conn, request)
    facets = {
        facet: [
            FacetValue(value, n, value in request.chosen.get(facet, ()))
            for value, n in _top(counts[facet], request.chosen.get(facet, ()))
        ]
        for facet in FACETS
    }
    rows = page_rows(conn, request, ids) if total else []
    return SearchResult(request, total, rows, facets, sorted(years.items()))


def _top(counter: Counter, chosen: Sequence[str]) -> list[tuple[str, int]]:
    """The most frequent values (chosen ones always among them), empty values left out; equal
    counts in the order of their values."""
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    common = [(v, n) for v, n in ordered if v][:FACET_SIZE]
    shown = {v for v, _ in common}
    return common + [(v, counter[v]) for v in chosen if v not in shown]


def matching_rows(
    conn: sqlite3.Connection,
    request: SearchRequest,
    columns: Sequence[str],
    after: int = 0,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Articles matching the whole search (every page), in id order, from id ``after`` on:
    the CSV, JSON and Atom of a search read it batch by batch."""
    where, params = _where(request)
    params |= _base_params(request) | {"after": after}
    selected = ", ".join(f"a.{c}" for c in columns)
    sql = _matches_sql(request, selected, [*where, "a.id > :after"])
    cursor = conn.execute(f"{sql} ORDER BY a.id LIMIT {int(limit)}", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
