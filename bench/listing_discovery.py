"""What crawling without a (working) definition costs: the crawl of one synthetic portal with
its definition, with a drifted listing selector, and with no definition at all; then the cost
of reading one listing page by the definition's selector and by the generic discovery.

    python -m bench.listing_discovery [--articles 2000] [--write]

1. The synthetic portal of portals/demo/synthetic_site.py, served by Debian's nginx on 127.0.0.1 as
   in bench/crawl_speed.py, crawled three times into fresh archives, politeness off:
   `khcn crawl synthetic` (the definition matches), the same definition with its listing
   selector renamed (what a new theme does: every listing page goes through
   portals/parsing/discovery.py, the run records definition-drift), and
   `khcn crawl --url LISTING` (no definition: host as slug, family detection, generic listing,
   pager and article extraction, feed and sitemap probes).
2. Every saved listing page of tests/fixtures/ (whole pages: menus, sidebars, footers) and one
   synthetic listing page, parsed from memory in this process: lxml's parse alone (the peer),
   the definition's listing selector (`parse_listing`) and the generic path
   (`discover_listing`); best of 5 rounds per page.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import median

from lxml.html import HTMLParser
from parsel.selector import create_root_node

from bench.crawl_speed import FILLER_KB, Run, nginx, proxy_env, run, web_root
from bench.report import bench_main
from portals.demo.replay import LOCAL_CRAWL_SETTINGS, local_crawl_command
from portals.demo.synthetic_site import BULK_CRAWL, DEFINITION, SLUG, build
from portals.parsing.listing import discover_listing, parse_listing
from portals.registry import Site, all_sites, parse_site
from portals.snapshots import load_snapshot

ROOT = Path(__file__).resolve().parent.parent
SECTION = "listing-discovery"
FIXTURES = ROOT / "tests" / "fixtures"
DRIFTED_SELECTOR = ".danh-sach-tin .muc h3 a"  # the listing selector after a redesign
ROUNDS = 5


def measure(articles: int) -> str:
    crawls = crawl_rows(articles)
    pages = page_rows()
    return "\n".join([*crawls, "", *pages])


# -- 1. whole crawls ----------------------------------------------------------------------


def crawl_rows(articles: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="khcn-bench-discovery-") as scratch:
        folder = Path(scratch)
        folder.chmod(0o755)  # nginx's workers run as another user
        site = build(folder / "site", articles, filler_kb=FILLER_KB)
        root, _ = web_root(site, folder)
        drifted = folder / "drifted"
        drifted.mkdir()
        old = 'listing_links = ".list-news .item h3 a"'
        if old not in DEFINITION:
            raise SystemExit(
                "portals/demo/synthetic_site.py's listing selector changed: update this"
            )
        (drifted / f"{SLUG}.toml").write_text(
            DEFINITION.replace(old, f'listing_links = "{DRIFTED_SELECTOR}"'), encoding="utf-8"
        )
        runs = []
        with nginx(root, folder) as proxy:
            for name, definitions, target in [
                ("site definition", site.definitions, [SLUG]),
                ("drifted listing selector", drifted, [SLUG]),
                ("no definition (`crawl --url`)", site.definitions, ["--url", site.listing_url]),
            ]:
                db = folder / f"{len(runs)}.db"
                command = local_crawl_command(target, db, *BULK_CRAWL)
                # exit code 1: the run raised an alert (definition-drift), as it must
                result = run(command, proxy_env(proxy, definitions), ROOT, allowed=(0, 1))
                runs.append((name, result, db))
        rows = [crawl_row(name, result, db, articles) for name, result, db in runs]
    base = rows[0][1]
    lines = [
        f"Synthetic portal of {articles:,} articles (listing pages of 20 links, article pages "
        f"with {FILLER_KB} KB of sidebars, one photo each), served by nginx on 127.0.0.1; "
        "each crawl into a fresh archive, one process, politeness off "
        f"({' '.join(BULK_CRAWL + tuple(f'-s {s}' for s in LOCAL_CRAWL_SETTINGS))}).",
        "",
        "| crawl | listing pages read | requests | articles stored | wall s | articles/s "
        "| CPU ms per article | × with definition | health |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for text, rate in rows:
        lines.append(text.replace("RATIO", f"{rate / base:.2f}×"))
    return lines


def crawl_row(name: str, result: Run, db: Path, articles: int) -> tuple[str, float]:
    with sqlite3.connect(db) as conn:
        stored, fetched, status, definition = conn.execute(
            "SELECT (SELECT count(*) FROM articles), sum(pages_fetched), group_concat(status), "
            "group_concat(definition) FROM crawl_runs"
        ).fetchone()
        problems = " ".join(p for (p,) in conn.execute("SELECT problems FROM health"))
    if stored < articles:
        sys.stderr.write(result.output[-5000:])
        raise SystemExit(f"{name}: {stored} of {articles} articles stored")
    health = status + (" (definition-drift)" if "definition-drift" in problems else "")
    rate = stored / result.wall
    text = (f"| {name} | {listing_use(definition)} | {fetched:,} | {stored:,} | "
            f"{result.wall:.1f} | {rate:,.0f} | {result.cpu * 1000 / stored:.1f} | RATIO "
            f"| {health} |")  # fmt: skip
    return text, rate


def listing_use(definition: str | None) -> str:
    """How the run's listing pages were read, from crawl_runs.definition."""
    counts = json.loads(definition or "{}").get("listing")
    if not counts:
        return "generic (no definition)"
    served, fallback = counts.get("served", 0), counts.get("fallback", 0)
    return f"{served} by the definition, {fallback} generic"


# -- 2. one listing page ------------------------------------------------------------------


def listing_pages() -> list[tuple[str, str, Site]]:
    """(url, text, site) of every saved listing page of the registered fixture sets."""
    sites = all_sites()
    pages = []
    for folder in sorted(FIXTURES.iterdir()):
        if folder.name not in sites:
            continue
        for url, path in load_snapshot([folder]).pages.items():
            if path.name.startswith("listing") and path.suffix == ".html":
                pages.append((url, path.read_text(encoding="utf-8", errors="replace"), sites[
                    folder.name]))  # fmt: skip
    return pages


def best_ms(function: Callable[..., object], *args: object) -> float:
    """The fastest of ROUNDS calls, in milliseconds."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def page_rows() -> list[str]:
    pages = listing_pages()
    with tempfile.TemporaryDirectory(prefix="khcn-bench-listing-") as scratch:
        site = build(Path(scratch), 40, filler_kb=FILLER_KB)
        synthetic = (site.snapshot / "list1.html").read_text(encoding="utf-8")
    definition = parse_site(tomllib.loads(DEFINITION))
    rows, methods = [], Counter()
    sets = [("fixture listing pages", pages),
            ("synthetic listing page", [(site.listing_url, synthetic, definition)])]  # fmt: skip
    for name, chosen in sets:
        parse, selector, generic = [], [], []
        for url, text, owner in chosen:
            parse.append(best_ms(create_root_node, text, HTMLParser, url))
            selector.append(best_ms(parse_listing, text, url, owner))
            generic.append(best_ms(discover_listing, text, url, owner))
            if name.startswith("fixture"):
                methods[discover_listing(text, url, owner).method] += 1
        kb = median(len(text.encode()) for _, text, _ in chosen) / 1024
        for path, times in [("lxml parse only (peer)", parse), ("definition's selector", selector),
                            ("generic discovery", generic)]:  # fmt: skip
            rows.append(f"| {name} ({len(chosen)}, median {kb:.0f} KB) | {path} "
                        f"| {median(times):.2f} | {sum(times) / len(times):.2f} "
                        f"| {median(times) / median(parse):.1f}× |")  # fmt: skip
    return [
        "One listing page parsed from memory, one process, best of "
        f"{ROUNDS} rounds per page: lxml's parse alone (the peer), the definition's listing "
        "selector (`parse_listing`), the generic path (`discover_listing`: every link of the "
        "page scored as a candidate article list). The generic path found the fixture pages' "
        "lists by " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())) + ".",
        "",
        "| pages | path | median ms/page | mean ms/page | × lxml parse |",
        "|---|---|---:|---:|---:|",
        *rows,
    ]


def main() -> None:
    bench_main(__doc__, SECTION, measure, articles=2000)


if __name__ == "__main__":
    main()
