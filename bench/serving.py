"""`khcn serve` on the 200,000-article archive under wrk: requests per second and latency.

    python -m bench.serving [--articles 200000] [--write]

Serves the archive bench/storage_search.py builds (bench/.work/, built first if missing) with
the real `khcn serve` on a free loopback port, and loads each page with Debian's wrk (2 threads,
8 connections, a bounded duration; a Lua `done` hook prints the p50/p95). The common-term search
page is also checked once for facets that timed out, and a streamed CSV export of a ~50,000-row
search is read whole and checked row by row against the ids SQL finds. The server is stopped by
its PID whatever happens.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
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
COMMON = "khoa học"
CSV_PHRASE = '"chuỗi giá trị"'  # planted in 25% of articles
TABLE_P95_MS, TABLE_RPS, SEARCH_FACETS_MS = 150, 20, 500
TIMED_OUT = "These facets timed out"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("KHCN %d %d %.0f %.0f %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    summary.errors.status, summary.errors.timeout + summary.errors.connect))
end
"""


@dataclass
class Load:
    requests: int
    rate: float
    p50_ms: float
    p95_ms: float
    failed: int  # non-2xx/3xx answers, timeouts and connection errors


@contextlib.contextmanager
def khcn_serve(db: Path, port: int, cache: bool = True) -> Iterator[str]:
    """The real `khcn serve` in its own process; stopped by its PID on the way out."""
    khcn = Path(sys.executable).with_name("khcn")
    log = open(WORK / "serve.log", "w")  # noqa: SIM115 - closed in finally
    command = [str(khcn), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    command += [] if cache else ["--no-cache"]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
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


def facets_check(base: str) -> str:
    """One request of the common-term search: its time, facets shown, and any timed out."""
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
    ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(raw.decode("utf-8")))]
    once = len(ids) == len(set(ids)) and set(ids) == expected
    verdict = "**complete, every row exactly once**" if once else (
        f"**not exact**: {len(ids) - len(set(ids))} repeated, {len(expected - set(ids))} "
        f"missing, {len(set(ids) - expected)} unexpected")  # fmt: skip
    return (
        f"`articles.csv?_search={CSV_PHRASE}&_stream=on&_size=max`: {len(ids):,} rows "
        f"({len(expected):,} expected from SQL), {len(raw) / 1e6:,.0f} MB in {seconds:.1f} s "
        f"({len(ids) / seconds:,.0f} rows/s): {verdict}."
    )


def pages(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (middle,) = conn.execute("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 100000").fetchone()
    conn.close()
    return {
        "articles table page": "/archive/articles",
        f"`_search={COMMON}` with the 7 declared facets": f"/archive/articles?_search={COMMON}",
        f"ranked canned search `q={COMMON}`": f"/archive/search?q={COMMON}",
        'ranked canned search `q="thủy canh"`': '/archive/search?q="thủy canh"',
        "article (canned `article` query)": f"/archive/article?id={middle}",
        "article row page": f"/archive/articles/{middle}",
    }


def row(name: str, load: Load) -> str:
    if not load.requests:
        return f"| {name} | 0 | – | – | none done in {SECONDS} s | {load.failed} |"
    return (
        f"| {name} | {load.rate:.1f} | {load.p50_ms:,.0f} | {load.p95_ms:,.0f} | "
        f"{load.requests:,} | {load.failed} |"
    )


def load_pages(base: str, db: Path, script: Path) -> tuple[list[str], list[Load]]:
    rows, loads = [], []
    for name, path in pages(db).items():
        loads.append(wrk(base + quote(path, safe="/?=&"), script))
        settle(base)
        rows.append(row(name, loads[-1]))
    return rows, loads


def measure(articles: int) -> str:
    db = cached(articles).path
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(LUA)
        script.flush()
        with khcn_serve(db, free_port(), cache=False) as base:
            computed_facets = facets_check(base)
            computed_rows, computed = load_pages(base, db, Path(script.name))
        with khcn_serve(db, free_port()) as base:
            facets = facets_check(base)
            rows, loads = load_pages(base, db, Path(script.name))
            export = csv_check(base, db)
    header = ["| page | requests/s | p50 ms | p95 ms | requests | failed |",
              "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    lines = [
        f"{articles:,} articles; `khcn serve` (Datasette {datasette.__version__}, SQLite "
        f"{sqlite3.sqlite_version}) on 127.0.0.1; wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on the "
        "same 2 cores. " + measured_code() + ".",
        "",
        "**As served** (`khcn serve`: a page is computed once, then kept until the archive "
        "changes; wrk asks for one page over and over, so all but its first request are kept "
        "answers):",
        "",
        *header,
        *rows,
        "",
        "**Every request computed** (`khcn serve --no-cache`: what each new page, a search "
        "nobody has made since the last crawl, costs):",
        "",
        *header,
        *computed_rows,
        "",
        f"Search with facets, one request, computed: {computed_facets}; as served, its "
        f"first request: {facets}.",
        "",
        f"CSV export: {export}",
        "",
        "As served: " + verdicts(loads, facets, export),
        "",
        "Every request computed: " + verdicts(computed, computed_facets, export),
    ]
    return "\n".join(lines)


def verdicts(loads: list[Load], facets: str, export: str) -> str:
    table, search = loads[0], loads[1]
    checks = [
        (f"table page p95 < {TABLE_P95_MS} ms", table.p95_ms < TABLE_P95_MS,
         f"{table.p95_ms:,.0f} ms"),
        (f"table page ≥ {TABLE_RPS} requests/s", table.rate >= TABLE_RPS, f"{table.rate:.1f}/s"),
        (f"common-term search with facets < {SEARCH_FACETS_MS} ms (p95 under load)",
         search.requests > 0 and search.p95_ms < SEARCH_FACETS_MS,
         f"{search.p95_ms:,.0f} ms" if search.requests else f"none done in {SECONDS} s"),
        ("no facet timed out", "none timed out" in facets, "see above"),
        ("CSV complete, each row once", "exactly once" in export, "see above"),
    ]  # fmt: skip
    return (
        "Targets: "
        + "; ".join(
            f"{name}: {'met' if ok else '**not met**'} ({figure})" for name, ok, figure in checks
        )
        + "."
    )


def main() -> None:
    bench_main(__doc__, section(SECTION), measure, articles=200_000)


if __name__ == "__main__":
    main()
