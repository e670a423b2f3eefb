"""The whole crawl beside a bare Scrapy spider, then `khcn reparse` of that crawl's WARC files.

    python -m bench.crawl_speed [--articles 10000] [--write]

A synthetic portal (portals/demo/synthetic_site.py: listing pages of 20 links, article pages with
sidebars and footers, one photo each plus a shared logo) is served by Debian's nginx on
127.0.0.1, as a proxy would: the crawler asks for the portal's own URLs. Politeness is off
(no delay, no throttling, 16 requests at a time). In the same run:

1. our crawl: `khcn crawl` end to end (fetch, parse, images, WARC, SQLite);
2. the peer: bench/bare_spider.py fetching the same URLs and doing nothing else;
3. `khcn reparse --jobs 2` rebuilding a new archive from the WARC files of (1).

Each is one child process; its CPU time and peak RSS come from ``os.wait4``.
"""

from __future__ import annotations

import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.report import bench_main, free_port
from portals.demo.replay import local_crawl_command, proxy_environment
from portals.demo.synthetic_site import BULK_CRAWL, SyntheticSite, build
from portals.registry import SITES_PATH

ROOT = Path(__file__).resolve().parent.parent
SECTION = "crawl-speed"
FILLER_KB = 50  # sidebars and "other news": pages of ~60 KB, as the portals serve
PHOTO_KB = 60
NGINX = "/usr/sbin/nginx"


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, CPU seconds, peak RSS in MB, what it printed."""

    wall: float
    cpu: float
    peak_mb: float
    output: str


def run(command: list[str], env: dict[str, str], cwd: Path, allowed: tuple[int, ...] = (0,)) -> Run:
    """Run a command to the end; fail loudly with its output when its exit code is not one of
    ``allowed``."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if process.returncode not in allowed:
        sys.stderr.write(output[-5000:])
        raise SystemExit(f"{command[:4]} failed with exit code {process.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def web_root(site: SyntheticSite, folder: Path) -> tuple[Path, list[str]]:
    """The portal as files for nginx (pages linked from the snapshot, photos written), and
    every URL a crawl of it fetches."""
    root = folder / "www"
    urls = []
    manifest = (site.snapshot / "manifest.toml").read_text(encoding="utf-8").splitlines()[1:]
    for line in manifest:
        url, name = (part.strip().strip('"') for part in line.split(" = "))
        path = url.split("/", 3)[3]
        listing, _, page = url.partition("?page=")
        if listing == site.listing_url:  # /tin-tuc and /tin-tuc?page=N: see nginx_config
            path = f"_listing/page-{page or 1}.html"
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(site.snapshot / name, target)
        urls.append(url)
    rng = random.Random(7)
    photos = [url.replace("/tin-tuc/bai-viet-", "/uploads/").replace(".html", ".jpg")
              for url in site.article_urls]  # fmt: skip
    for url in [*photos, site.listing_url.replace("/tin-tuc", "/uploads/chung/logo-so.png")]:
        target = root / url.split("/", 3)[3]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"\xff\xd8\xff\xe0" + rng.randbytes(PHOTO_KB * 1024))
        urls.append(url)
    return root, urls


def nginx_config(root: Path, port: int, folder: Path) -> Path:
    config = folder / "nginx.conf"
    config.write_text(
        textwrap.dedent(f"""\
            daemon off;
            worker_processes 1;
            pid {folder}/nginx.pid;
            error_log {folder}/nginx-error.log warn;
            events {{ worker_connections 1024; }}
            http {{
                include /etc/nginx/mime.types;
                default_type text/html;
                charset utf-8;
                access_log off;
                sendfile on;
                client_body_temp_path {folder}/tmp;
                proxy_temp_path {folder}/tmp;
                fastcgi_temp_path {folder}/tmp;
                uwsgi_temp_path {folder}/tmp;
                scgi_temp_path {folder}/tmp;
                server {{
                    listen 127.0.0.1:{port};
                    root {root};
                    location = /tin-tuc {{
                        try_files /_listing/page-$arg_page.html /_listing/page-1.html;
                    }}
                }}
            }}
            """),
        encoding="utf-8",
    )
    return config


@contextmanager
def nginx(root: Path, folder: Path) -> Iterator[str]:
    """nginx serving ``root`` on a free loopback port; yields its URL, stops it after."""
    if not Path(NGINX).exists():
        raise SystemExit("nginx is needed: apt-get install nginx-light (or nginx)")
    (folder / "tmp").mkdir(exist_ok=True)
    port = free_port()
    process = subprocess.Popen([NGINX, "-c", str(nginx_config(root, port, folder)), "-e",
                                str(folder / "nginx-error.log")])  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"nginx did not start: see {folder}/nginx-error.log") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def proxy_env(proxy: str, definitions: Path) -> dict[str, str]:
    return {**os.environ, **proxy_environment(proxy), SITES_PATH: str(definitions)}


def measure(articles: int) -> str:
    with tempfile.TemporaryDirectory(prefix="khcn-bench-crawl-") as scratch:
        folder = Path(scratch)
        folder.chmod(0o755)  # nginx's workers run as another user
        started = time.perf_counter()
        site = build(folder / "site", articles, filler_kb=FILLER_KB)
        root, urls = web_root(site, folder)
        (folder / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
        built = time.perf_counter() - started
        page_kb = (root / "tin-tuc" / "bai-viet-1.html").stat().st_size / 1024
        db, rebuilt = folder / "archive.db", folder / "rebuilt.db"
        with nginx(root, folder) as proxy:
            env = proxy_env(proxy, site.definitions)
            bare_dir = folder / "bare"
            bare_dir.mkdir()
            bare_command = [sys.executable, "-m", "scrapy", "runspider",
                            str(ROOT / "bench" / "bare_spider.py"), "-a",
                            f"urls={folder / 'urls.txt'}", "-s",
                            "CONCURRENT_REQUESTS_PER_DOMAIN=16"]  # fmt: skip
            bare = run(bare_command, {**env, "PYTHONPATH": ""}, bare_dir)
            if f"bare spider: {len(urls)} responses" not in bare.output:
                raise SystemExit(f"the bare spider did not get all {len(urls)} URLs: {bare.output}")
            ours = run(local_crawl_command([site.slug], db, *BULK_CRAWL), env, ROOT)
        reparse_command = [sys.executable, "-m", "portals", "reparse", "--db", str(rebuilt),
                           "--warc", str(folder / "archive-warc"), "--jobs", "2"]  # fmt: skip
        again = run(reparse_command, env, ROOT)
        with sqlite3.connect(db) as conn:
            stored, fetched = conn.execute(
                "SELECT (SELECT count(*) FROM articles), sum(pages_fetched) FROM crawl_runs"
            ).fetchone()
        with sqlite3.connect(rebuilt) as conn:
            (reparsed,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        warc_mb = sum(f.stat().st_size for f in (folder / "archive-warc").iterdir()) / 2**20
    return report(articles, len(urls), fetched, stored, reparsed, page_kb, built, warc_mb,
                  bare, ours, again)  # fmt: skip


def report(
    articles: int,
    urls: int,
    fetched: int,
    stored: int,
    reparsed: int,
    page_kb: float,
    built: float,
    warc_mb: float,
    bare: Run,
    ours: Run,
    again: Run,
) -> str:
    def row(name: str, done: int, result: Run, peer: float | None) -> str:
        rate = done / result.wall
        ratio = f"{rate / peer:.2f}×" if peer else "1.00×"
        return (f"| {name} | {done:,} | {result.wall:.1f} | {rate:,.0f} | "
                f"{result.cpu * 1000 / done:.1f} | {result.peak_mb:.0f} | {ratio} |")  # fmt: skip

    bare_rate = articles / bare.wall
    lines = [
        f"Synthetic portal of {articles:,} articles ({urls:,} URLs: listing pages, article pages "
        f"of {page_kb:.0f} KB, one {PHOTO_KB} KB photo each and a shared logo), served by nginx "
        f"on 127.0.0.1; built in {built:.0f} s. Our crawl fetched {fetched:,} responses "
        f"(robots.txt included) and stored {stored:,} articles; WARC files: {warc_mb:,.0f} MB. "
        f"{os.cpu_count()} cores; each row is one process (reparse: one writer + 2 parser "
        "processes, CPU and peak RSS of the largest included).",
        "",
        "| run | articles | wall s | articles/s | CPU ms per article | peak RSS MB "
        "| × bare fetch |",
        "|---|---:|---:|---:|---:|---:|---:|",
        row("bare Scrapy spider (fetch only, same URLs)", articles, bare, None),
        row("our crawl (fetch, parse, images, WARC, SQLite)", stored, ours, bare_rate),
        row("`khcn reparse --jobs 2` of that crawl's WARC files", reparsed, again, bare_rate),
        "",
        verdict("our crawl", stored / ours.wall / bare_rate, "≥", 0.6, "× the bare fetch rate"),
        verdict("our crawl's peak RSS", ours.peak_mb, "<", 250, " MB"),
        verdict("reparse", reparsed / again.wall / bare_rate, "≥", 1.0, "× the bare fetch rate"),
    ]
    return "\n".join(lines)


def verdict(name: str, measured: float, sense: str, target: float, unit: str) -> str:
    met = measured >= target if sense == "≥" else measured < target
    gap = abs(measured - target) / target
    outcome = "met" if met else f"**not met**, {gap:.0%} short"
    shown = f"{measured:.2f}" if target < 10 else f"{measured:.0f}"
    return f"- Target, {name}: {sense} {target:g}{unit}; measured {shown}{unit}: {outcome}."


def main() -> None:
    bench_main(__doc__, SECTION, measure, articles=10000)


if __name__ == "__main__":
    main()
