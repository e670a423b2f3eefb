"""`khcn serve` on the 200,000-article archive under wrk: every reading-room page computed anew
(`khcn serve --no-cache`) beside the same page as served (the response cache on).

    python -m bench.serving [--articles 200000] [--write]

Serves the archive bench/synthetic_archive.py builds (bench/.work/, built first if missing)
with the real `khcn serve` on a free loopback port, twice: with the response cache off, then
on. Each page is asked for alone a few times (its matches read off the page), then loaded with
Debian's wrk (2 threads, 8 connections, a bounded duration; a Lua `done` hook prints the
p50/p95). The targets of issue 13 §8 are p95 under load with the cache off. The table page's
`_search` of the near-universal term is also checked once for facets that timed out, and a
streamed CSV export of a topic search is read whole and checked row by row against the ids SQL
finds. The server is stopped by its PID whatever happens.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import datasette

from archive.search import fts_query
from bench.report import bench_main, free_port
from bench.synthetic_archive import WORK, cached, measured_code, section

SECTION = "serving"
SECONDS = 8
CONNECTIONS = 8
ALONE = 3  # single requests before the load: the median is a page's cost with no one else
COMMON = "khoa học"  # in nearly every article: the worst case of a search
TOPIC = "chuyển đổi số"  # the most frequent topic phrase: about a tenth of the articles
RARE = "cordycepin"
CSV_PHRASE = f'"{TOPIC}"'
TYPICAL_MS, WORST_MS, TABLE_MS, ARTICLE_MS = 300, 1000, 150, 50
TABLE_RPS = 20
TIMED_OUT = "These facets timed out"
PYSQLITE3 = WORK / "pysqlite3"
MATCHES = re.compile(r'<p class="khcn-count"><strong>([\d.]+)</strong>')
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("KHCN %d %d %.0f %.0f %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    summary.errors.status, summary.errors.timeout + summary.errors.connect))
end
"""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    kind: str  # what its target is: typical / worst-case search, table, article, or none
    target_ms: int | None = None


@dataclass
class Load:
    requests: int
    rate: float
    p50_ms: float
    p95_ms: float
    failed: int  # non-2xx/3xx answers, timeouts and connection errors


@dataclass
class Measured:
    alone_ms: float | None
    matches: str
    computed: Load
    served: Load | None = None
    newer: Measured | None = None  # computed on the newer SQLite


def newer_sqlite() -> tuple[dict[str, str], str] | str:
    """The environment of a `khcn serve` on pysqlite3-binary's newer SQLite (Datasette and
    sqlite-utils take pysqlite3 whenever it can be imported), installed from PyPI into
    bench/.work/pysqlite3 and never into the project's environment; and that SQLite's
    version. A message instead when it cannot be installed."""
    python = [sys.executable, "-c", "import pysqlite3; print(pysqlite3.sqlite_version)"]
    env = {**os.environ, "PYTHONPATH": str(PYSQLITE3)}
    if not (PYSQLITE3 / "pysqlite3").is_dir():
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(PYSQLITE3)]
        done = subprocess.run([*pip, "pysqlite3-binary"], capture_output=True, text=True)
        if done.returncode:
            return f"pysqlite3-binary could not be installed: {done.stderr.strip()[-300:]}"
    found = subprocess.run(python, env=env, capture_output=True, text=True)
    if found.returncode:
        return f"pysqlite3 does not import: {found.stderr.strip()[-300:]}"
    return env, found.stdout.strip()


@contextlib.contextmanager
def khcn_serve(
    db: Path, port: int, cache: bool = True, env: dict[str, str] | None = None
) -> Iterator[str]:
    """The real `khcn serve` in its own process; stopped by its PID on the way out."""
    khcn = Path(sys.executable).with_name("khcn")
    log = open(WORK / "serve.log", "w")  # noqa: SIM115 - closed in finally
    command = [str(khcn), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    command += [] if cache else ["--no-cache"]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=5).read()
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"khcn serve did not start: see {log.name}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wrk(url: str, script: Path) -> Load:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "30s"]
    result = subprocess.run([*command, "-s", str(script), url], capture_output=True, text=True)
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("KHCN "))
    requests, micros, p50, p95, status, errors = (int(float(v)) for v in line.split()[1:])
    return Load(requests, requests / (micros / 1e6), p50 / 1000, p95 / 1000, status + errors)


def settle(base: str) -> None:
    """Wait until the server has worked off the requests wrk left queued (they would slow the
    next page): a one-row SQL query answers in under 50 ms."""
    deadline = time.monotonic() + 120
    while get(f"{base}/archive.json?sql=select+1")[0] > 50 and time.monotonic() < deadline:
        time.sleep(0.5)


def get(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    body = urllib.request.urlopen(url, timeout=120).read()
    return (time.perf_counter() - start) * 1000, body


def pages(db: Path) -> list[Page]:
    """Every reading-room page, the searches in the shapes people make them, and the Datasette
    pages SQL users see."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (middle,) = conn.execute(
        "SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM articles)"
    ).fetchone()
    (captured,) = conn.execute(
        "SELECT id FROM articles WHERE warc_file IS NOT NULL AND id >= ? ORDER BY id LIMIT 1",
        [middle],
    ).fetchone()
    largest = "SELECT site FROM articles GROUP BY site ORDER BY count(*) DESC LIMIT 1"
    (site,) = conn.execute(largest).fetchone()
    conn.close()
    topic = f'"{TOPIC}"'
    typical, worst = ("typical search", TYPICAL_MS), ("worst-case search", WORST_MS)
    return [
        Page(f"search `{topic}` (topic phrase)", f"/search?q={topic}", *typical),
        Page(f"search `{RARE}` (rare word)", f"/search?q={RARE}", *typical),
        Page(f"search `{topic}`, province Hải Phòng, 2024",
             f"/search?q={topic}&province=Hải Phòng&year=2024", *typical),
        Page("search, no words: province Hà Nam, 2024", "/search?province=Hà Nam&year=2024",
             *typical),
        Page("search `chuyen doi so` (3 words anywhere, no diacritics)",
             "/search?q=chuyen doi so", *typical),
        Page(f"search `{COMMON}` (near-universal)", f"/search?q={COMMON}", *worst),
        Page(f"search `{COMMON}`, newest first", f"/search?q={COMMON}&sort=newest", *worst),
        Page("search page, nothing asked (every article)", "/search", *worst),
        Page("articles table page", "/archive/articles", "table", TABLE_MS),
        Page("article page", f"/article/{middle}", "article", ARTICLE_MS),
        Page("archived copy (from WARC)", f"/article/{captured}/archived", ""),
        Page("home page (articles per month per province)", "/", ""),
        Page("crawl status", "/status", ""),
        Page("site page (the largest site)", f"/site/{site}", ""),
        Page(f"table `_search={COMMON}` with the 7 declared facets",
             f"/archive/articles?_search={COMMON}", ""),
        Page(f"ranked canned search `q={COMMON}`", f"/archive/search?q={COMMON}", ""),
    ]  # fmt: skip


def url_of(base: str, page: Page) -> str:
    return base + quote(page.path, safe="/?=&")


def alone(base: str, page: Page) -> tuple[float, str]:
    """The median time of a few single requests, and the matches the page says it found."""
    times, body, refused = [], b"", ""
    for _ in range(ALONE):
        start = time.perf_counter()
        try:
            body = get(url_of(base, page))[1]
        except urllib.error.HTTPError as error:  # e.g. 400: "this search took too long"
            refused = f"**HTTP {error.code}**"
        times.append((time.perf_counter() - start) * 1000)
    found = MATCHES.search(body.decode("utf-8", "replace"))
    shown = found[1].replace(".", ",") if found else ""  # the page counts in Vietnamese form
    return statistics.median(times), refused or shown


def load_pages(base: str, listed: list[Page], script: Path, computed: bool) -> list[Measured]:
    measured = []
    for page in listed:
        ms, matches = alone(base, page) if computed else (None, "")
        load = wrk(url_of(base, page), script)
        settle(base)
        measured.append(Measured(ms, matches, load))
    return measured


def facets_check(base: str) -> str:
    """One request of the table page's near-universal search: its time, facets shown, and any
    timed out."""
    ms, html = get(f"{base}/archive/articles?_search={quote(COMMON)}")
    _, raw = get(f"{base}/archive/articles.json?_search={quote(COMMON)}&_size=1")
    done = sorted(json.loads(raw)["facet_results"])
    late = re.findall(f"{TIMED_OUT}:?([^<]*)", html.decode("utf-8"))
    verdict = "none timed out" if not late else f"**timed out: {', '.join(late).strip()}**"
    return f"{ms:.0f} ms for one request; {len(done)} facets ({', '.join(done)}), {verdict}"


def csv_check(base: str, db: Path) -> str:
    """A streamed CSV export of a search, read whole: every matching row exactly once?"""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    matching = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    expected = {row[0] for row in conn.execute(matching, [fts_query(CSV_PHRASE)])}
    conn.close()
    url = f"{base}/archive/articles.csv?_search={quote(CSV_PHRASE)}&_stream=on&_size=max"
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        raw = response.read()
    seconds = time.perf_counter() - start
    ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    once = len(ids) == len(set(ids)) and set(ids) == expected
    verdict = "**complete, every row exactly once**" if once else (
        f"**not exact**: {len(ids) - len(set(ids))} repeated, {len(expected - set(ids))} "
        f"missing, {len(set(ids) - expected)} unexpected")  # fmt: skip
    return (
        f"`articles.csv?_search={CSV_PHRASE}&_stream=on&_size=max`: {len(ids):,} rows "
        f"({len(expected):,} expected from SQL), {len(raw) / 1e6:,.0f} MB in {seconds:.1f} s "
        f"({len(ids) / seconds:,.0f} rows/s): {verdict}."
    )


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def p95(load: Load | None) -> str:
    if load is None:
        return "–"
    return f"{load.p95_ms:,.0f}" if load.requests else f"none in {SECONDS} s"


def rate(load: Load | None) -> str:
    return "–" if load is None else f"{load.rate:.1f}"


def verdict(page: Page, load: Load | None) -> str:
    if page.target_ms is None or load is None:
        return ""
    ok = load.requests > 0 and load.failed == 0 and load.p95_ms < page.target_ms
    return "met" if ok else "**not met**"


def table(listed: list[Page], measured: list[Measured], newer: str) -> list[str]:
    lines = [
        "| page | matches | alone ms | computed req/s | computed p95 ms | served req/s | "
        f"served p95 ms | {newer}: alone ms | {newer}: computed p95 ms | failed | "
        "target (computed p95) | met | met on the newer SQLite |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for page, m in zip(listed, measured, strict=True):
        loads = [m.computed, m.served, m.newer.computed if m.newer else None]
        failed = sum(load.failed for load in loads if load)
        target = f"< {page.target_ms:,} ms ({page.kind})" if page.target_ms else ""
        lines.append(
            f"| {page.name} | {m.matches or '–'} | {ms(m.alone_ms)} | {rate(m.computed)} | "
            f"{p95(m.computed)} | {rate(m.served)} | {p95(m.served)} | "
            f"{ms(m.newer.alone_ms if m.newer else None)} | {p95(loads[2])} | {failed} | "
            f"{target} | {verdict(page, m.computed)} | {verdict(page, loads[2])} |"
        )
    return lines


def missed(listed: list[Page], loads: list[Load | None]) -> list[str]:
    return [
        f"{page.name} {p95(load)} ms (target {page.target_ms:,})"
        for page, load in zip(listed, loads, strict=True)
        if page.target_ms is not None and "not met" in verdict(page, load)
    ]


def summary(listed: list[Page], measured: list[Measured], facets: str, export: str) -> str:
    late = missed(listed, [m.computed for m in measured])
    newer = [m.newer.computed if m.newer else None for m in measured]
    late_newer = missed(listed, newer) if any(newer) else ["not measured"]
    table_page = next(m for p, m in zip(listed, measured, strict=True) if p.kind == "table")
    checks = [
        ("every page computed anew within its p95 target", not late,
         "all met" if not late else "missed: " + "; ".join(late)),
        ("the same on the newer SQLite", not late_newer,
         "all met" if not late_newer else "missed: " + "; ".join(late_newer)),
        (f"table page ≥ {TABLE_RPS} requests/s computed", table_page.computed.rate >= TABLE_RPS,
         f"{table_page.computed.rate:.1f}/s"),
        ("no facet of the table page's search timed out", "none timed out" in facets,
         "see above"),
        ("CSV complete, each row once", "exactly once" in export, "see above"),
    ]  # fmt: skip
    return "Targets: " + "; ".join(
        f"{name}: {'met' if ok else '**not met**'} ({figure})" for name, ok, figure in checks
    ) + "."  # fmt: skip


def load_average() -> str:
    return " / ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(articles: int) -> str:
    db = cached(articles).path
    listed = pages(db)
    load_before = load_average()
    newer = newer_sqlite()
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(LUA)
        script.flush()
        lua = Path(script.name)
        with khcn_serve(db, free_port(), cache=False) as base:
            facets = facets_check(base)
            measured = load_pages(base, listed, lua, computed=True)
        with khcn_serve(db, free_port()) as base:
            served = load_pages(base, listed, lua, computed=False)
            export = csv_check(base, db)
        if not isinstance(newer, str):
            with khcn_serve(db, free_port(), cache=False, env=newer[0]) as base:
                on_newer = load_pages(base, listed, lua, computed=True)
            for m, n in zip(measured, on_newer, strict=True):
                m.newer = n
    for m, s in zip(measured, served, strict=True):
        m.served = s.computed
    newer_name = "–" if isinstance(newer, str) else f"SQLite {newer[1]}"
    lines = [
        f"{articles:,} articles (bench/synthetic_archive.py); `khcn serve` (Datasette "
        f"{datasette.__version__}, SQLite {served_sqlite_version()}) on 127.0.0.1; wrk -t2 "
        f"-c{CONNECTIONS} -d{SECONDS}s on the same 2 cores; load average {load_before} before, "
        f"{load_average()} after. " + measured_code() + ".",
        "",
        "**Computed**: `khcn serve --no-cache`, every request computed anew (what a search "
        "nobody has made since the last crawl costs); *alone* is the median of "
        f"{ALONE} single requests with nothing else running. **Served**: `khcn serve`, the "
        "response cache on (wrk asks for one page over and over, so all but its first request "
        "are kept answers). "
        + (f"**{newer_name}**: the same computed run on pysqlite3-binary's SQLite, installed "
           "in bench/.work/ only (not a dependency of the project)." if newer_name != "–"
           else f"Newer SQLite not measured: {newer}."),
        "",
        *table(listed, measured, newer_name),
        "",
        f"Table page `_search={COMMON}`, one request, computed: {facets}.",
        "",
        f"CSV export: {export}",
        "",
        summary(listed, measured, facets, export),
    ]  # fmt: skip
    return "\n".join(lines)


def served_sqlite_version() -> str:
    """The SQLite `khcn serve` runs on: pysqlite3's when it is installed (Datasette prefers
    it), else Python's."""
    from datasette.utils.sqlite import sqlite3 as served

    return served.connect(":memory:").execute("select sqlite_version()").fetchone()[0]


def main() -> None:
    bench_main(__doc__, section(SECTION), measure, articles=200_000)


if __name__ == "__main__":
    main()
