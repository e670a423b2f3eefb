"""`khcn`: the archive's command group plus the crawl-side commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import click
from w3lib.encoding import html_to_unicode

from archive.cli import DB_OPTION, cli
from archive.lock import ArchiveLocked
from archive.space import DISK_FULL, DiskFull, stopped_for_full_disk
from portals.demo import SNAPSHOTS
from portals.drafting import Draft, adhoc_site, draft, listing_toml, site_toml
from portals.parsing.article import ArticleParseError, parse_article
from portals.parsing.listing import xml_kind
from portals.registry import SiteError, all_sites, get_site, site_for_url
from portals.snapshots import load_snapshot

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the archive; try again later
# Local replays need no politeness: the server is ours.


def _parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="-s")
        overrides[key] = value
    return overrides


@cli.command()
@click.argument("sites", nargs=-1)
@click.option("--all", "every_site", is_flag=True, help="Crawl every live site.")
@DB_OPTION
@click.option("--refresh", is_flag=True, help="Fetch archived articles again (conditionally).")
@click.option("--notify", metavar="URL", help="POST a JSON report here when a site needs an eye.")
@click.option(
    "--redis",
    metavar="URL",
    help="Distributed crawl: share the frontier of job --job through this Redis server.",
)
@click.option("--job", default="crawl", show_default=True, help="Distributed crawl's name.")
@click.option(
    "--url",
    "urls",
    multiple=True,
    metavar="LISTING_URL",
    help="Also crawl a portal with no definition from this listing page (repeatable).",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only articles published on or after this day (YYYY-MM-DD).",
)
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a Scrapy setting (repeatable).",
)
def crawl(
    sites: tuple[str, ...],
    every_site: bool,
    db: str,
    settings: tuple[str, ...],
    refresh: bool,
    since: datetime | None,
    notify: str | None,
    redis: str | None,
    job: str,
    urls: tuple[str, ...],
) -> None:
    """Crawl SITES (slugs; see `khcn sites`) into the archive.

    Incremental: listing pages are read until they show only archived articles, archived
    articles are not fetched again (unless --refresh), pages seen before are asked for with
    their ETag / Last-Modified. Exits 1 when a site's run failed or its health check raised an
    alert, 75 when another crawl holds the archive (safe to run from cron)."""
    from portals.crawl import run_crawl  # Scrapy is imported only for crawling

    try:
        targets = (
            [s for s in all_sites().values() if s.status == "live"]
            if every_site
            else [get_site(slug) for slug in sites]
        )
    except SiteError as exc:
        raise click.ClickException(str(exc)) from exc
    targets += [adhoc_site(url) for url in urls]
    if not targets:
        raise click.UsageError("name at least one site, --all, or --url LISTING_URL")
    try:
        runs = run_crawl(
            targets,
            db,
            _parse_overrides(settings),
            refresh=refresh,
            since=since.date() if since else None,
            redis=(redis, job) if redis else None,
        )
    except ArchiveLocked as exc:
        click.echo(f"khcn crawl: not started: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except DiskFull as exc:
        click.echo(f"khcn crawl: not started: {exc.strerror}", err=True)
        sys.exit(1)
    for run in runs:
        click.echo(
            f"{run['site']}: {run['status']} - {run['pages_fetched']} pages, "
            f"{run['articles_new']} new, {run['articles_updated']} updated, "
            f"{run['articles_unchanged']} unchanged, {run['articles_duplicate']} found on another "
            f"host, {run['articles_failed']} failed"
            + (f", errors {run['errors']}" if run["errors"] not in (None, "{}") else "")
        )
        if run["finish_reason"] == DISK_FULL:
            click.echo(f"  stopped: {stopped_for_full_disk(db)}", err=True)
        for problem in run["problems"]:
            click.echo(f"  {run['health']}: {problem}")
    if notify and any(run["health"] != "ok" for run in runs):
        _notify(notify, runs)
    # "running" left behind means the run could not be recorded: as much a failure.
    failed = len(runs) < len(targets) or any(r["status"] not in ("ok", "degraded") for r in runs)
    if failed or any(run["health"] == "alert" for run in runs):
        sys.exit(1)


def _notify(url: str, runs: list[dict]) -> None:
    """POST the runs that need an operator's eye, as JSON, to a webhook (chat, mail relay...)."""
    payload = {
        "text": "; ".join(
            f"{r['site']}: {', '.join(r['problems'])}" for r in runs if r["problems"]
        ),
        "runs": [
            {key: run[key] for key in ("site", "status", "health", "problems", "id")}
            for run in runs
            if run["health"] != "ok"
        ],
    }
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        urllib.request.urlopen(request, timeout=20).close()
    except OSError as exc:  # a broken hook must not hide the crawl's own result
        click.echo(f"khcn crawl: could not notify {url}: {exc}", err=True)


@cli.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("--url", help="The page's original URL (one page): for its links and its site.")
@click.option("--site", "slug", help="Use this site definition instead of the URL's host.")
@click.option("--generic", is_flag=True, help="Ignore site definitions: read as unknown hosts.")
@click.option("--jsonl", is_flag=True, help="JSON Lines, even for one page.")
def extract(
    pages: tuple[str, ...], url: str | None, slug: str | None, generic: bool, jsonl: bool
) -> None:
    """Parse saved article pages (files, folders of .html files, or - for stdin) and print
    them as JSON.

    A page's original URL is --url (one page), else the one a manifest.toml beside it gives
    ("URL" = "file", as in tests/fixtures/), else its file:// URL. Several pages (or --jsonl)
    print JSON Lines, one object a page: {"file", "url", "article"} or {"file", "url",
    "error"}. Exits 1 when a page has no article."""
    targets = _extract_targets(pages, url)
    try:
        forced = get_site(slug) if slug else None
    except SiteError as exc:
        raise click.ClickException(str(exc)) from exc
    failed = 0
    for name, page_url, read in targets:
        _, html = html_to_unicode(None, read())
        site = None if generic else forced or site_for_url(page_url)
        try:
            article = parse_article(html, page_url, site).to_dict()
        except ArticleParseError as exc:
            if len(targets) == 1 and not jsonl:
                raise click.ClickException(str(exc)) from exc
            failed += 1
            click.echo(json.dumps({"file": name, "url": page_url, "error": str(exc)}))
            continue
        if len(targets) == 1 and not jsonl:
            click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        else:
            line = {"file": name, "url": page_url, "article": article}
            click.echo(json.dumps(line, ensure_ascii=False))
    if len(targets) > 1 or jsonl:
        click.echo(f"{len(targets)} pages, {len(targets) - failed} articles, {failed} failed",
                   err=True)  # fmt: skip
    if failed:
        sys.exit(1)


def _extract_targets(
    paths: tuple[str, ...], url: str | None
) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(name, original URL, reader) of every page named: files, the .html/.htm files of
    folders, standard input."""
    files: list[Path] = []
    targets: list[tuple[str, str, Callable[[], bytes]]] = []
    for path in paths:
        if path == "-":
            if not url:
                raise click.UsageError("a page on standard input needs --url")
            targets.append(("-", url, lambda: click.open_file("-", "rb").read()))
        elif Path(path).is_dir():
            files += sorted(p for p in Path(path).rglob("*") if p.suffix in (".html", ".htm"))
        else:
            files.append(Path(path))
    if url and len(files) + len(targets) > 1:
        raise click.UsageError("--url names one page; several take their URLs from manifest.toml")
    known: dict[Path, str] = {}
    for folder in {f.parent for f in files if (f.parent / "manifest.toml").is_file()}:
        pages = load_snapshot([folder]).pages
        known.update({path.resolve(): page_url for page_url, path in pages.items()})
    for file in files:
        page_url = url or known.get(file.resolve()) or file.resolve().as_uri()
        targets.append((str(file), page_url, file.read_bytes))
    return targets


@cli.command()
@DB_OPTION
@click.option(
    "--warc",
    "warc_dir",
    type=click.Path(file_okay=False),
    help="Folder of the WARC files (default: <db stem>-warc/ beside the archive).",
)
@click.option("--jobs", default=os.cpu_count() or 1, show_default=True, help="Parser processes.")
def reparse(db: str, warc_dir: str | None, jobs: int) -> None:
    """Rebuild or update the articles from the stored WARC files, without the network."""
    from archive.db import images_folder, warc_folder
    from portals.reparse import reparse as run_reparse

    folder = Path(warc_dir) if warc_dir else warc_folder(db)
    if not folder.is_dir():
        raise click.ClickException(f"no WARC folder at {folder}")
    counts = run_reparse(db, folder, images_folder(db), workers=jobs)
    saved = counts.saved
    click.echo(
        f"{counts.records} records, {counts.images} images, {counts.articles} articles: "
        f"{saved.new} new, "
        f"{saved.updated} updated, {saved.unchanged} unchanged, {saved.duplicate} found on "
        f"another host; {counts.gone} gone; failed {counts.failed or 0}"
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the definitions as JSON.")
def sites(as_json: bool) -> None:
    """List the registered sites."""
    defined = list(all_sites().values())
    if as_json:
        click.echo(json.dumps([asdict(s) for s in defined], ensure_ascii=False, indent=2))
        return
    rows = [("slug", "status", "platform", "province (since 1/7/2025)", "homepage")]
    for site in defined:
        province = site.province
        if site.province_current != site.province:
            province = f"{site.province} -> {site.province_current}"
        rows.append((site.slug, site.status, site.platform, province, site.homepage))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"{len(defined)} sites")


@cli.command()
@click.option("--db", default="demo.db", show_default=True, type=click.Path(dir_okay=False))
@click.option(
    "--snapshots",
    default=str(SNAPSHOTS),
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
    help="Saved pages, one folder a site.",
)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Build the archive and stop.")
def demo(db: str, snapshots: str, port: int, no_serve: bool) -> None:
    """Crawl the bundled offline snapshot through the real crawler, then serve it."""
    from portals.demo.replay import local_crawl_command, replay_server

    folders = [  # the sites' folders; page sets of unregistered hosts (_name) are not crawled
        p
        for p in sorted(Path(snapshots).iterdir())
        if (p / "manifest.toml").exists() and not p.name.startswith("_")
    ]
    slugs = [p.name for p in folders if p.name in all_sites()]
    with replay_server(folders) as replay:
        env = {**os.environ, **replay.proxy_environment()}
        command = local_crawl_command(slugs, db)
        click.echo(
            f"Replaying {len(replay.pages)} saved pages at {replay.proxy_url}; crawling "
            f"{', '.join(slugs)} into {db}"
        )
        finished = subprocess.run(command, env=env, check=False)
    if finished.returncode:
        raise click.ClickException(f"the demo crawl failed (exit {finished.returncode})")
    if not no_serve:
        from archive.publish import serve as serve_archive  # Datasette, for this step only

        click.echo(f"Serving {db} at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        serve_archive(db, port=port)


def _read_pages(listing_url: str, site, offline: str | None, count: int):
    from portals.page_fetch import fetch_pages, snapshot_pages

    try:
        if offline:
            return snapshot_pages(Path(offline), listing_url, site, count)
        return fetch_pages(listing_url, site, count)
    except (OSError, ConnectionError) as exc:
        raise click.ClickException(str(exc)) from exc


def _print_report(result: Draft) -> None:
    rows = [("field", "definition", "generic path / proposed"), *result.report]
    widths = [min(max(len(r[i]) for r in rows), 60) for i in range(3)]
    for row in rows:
        click.echo("  ".join(c[:60].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


OFFLINE = click.option(
    "--offline",
    metavar="SNAPSHOT",
    type=click.Path(exists=True, file_okay=False),
    help="Read the pages from a saved snapshot folder (manifest.toml), not the network.",
)
ARTICLES = click.option("--articles", default=3, show_default=True, help="Article pages to read.")


@cli.command("new-site")
@click.argument("listing_url")
@OFFLINE
@ARTICLES
@click.option("--out", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Where sites/<slug>.toml and fixtures/<slug>/ are written.")  # fmt: skip
def new_site(listing_url: str, offline: str | None, articles: int, out: str) -> None:
    """Draft a definition for a portal nobody defined, from its listing page LISTING_URL:
    family detected, article links, URL pattern, pager and selectors inferred, checked on the
    pages read. Writes the TOML and a fixture folder of those pages to review."""
    listing, pages = _read_pages(listing_url, None, offline, articles)
    result = draft(listing, pages)
    _print_report(result)
    site = result.site
    target = Path(out)
    (target / "sites").mkdir(parents=True, exist_ok=True)
    definition = target / "sites" / f"{site.slug}.toml"
    definition.write_text(site_toml(site), encoding="utf-8")
    _write_fixtures(target / "fixtures" / site.slug, site, listing, pages)
    click.echo(f"Wrote {definition} and {target / 'fixtures' / site.slug}/ (review both).")
    click.echo(f"Try it: KHCN_SITES_PATH={target / 'sites'} khcn crawl {site.slug}")


def _write_fixtures(folder: Path, site, listing, pages) -> None:
    """The pages read, as the skeleton of the site's fixture folder (docs/adding-a-portal.md):
    the pages, their manifest.toml, and listing.toml, what the listing page must give."""
    from portals.page_fetch import article_urls_of

    folder.mkdir(parents=True, exist_ok=True)
    names = {listing.url: "listing-p1.html"}
    for index, page in enumerate(pages, 1):
        names[page.url] = f"article-{index}.html"
    for page in (listing, *pages):
        (folder / names[page.url]).write_text(page.html, encoding="utf-8")
    manifest = [f"# Saved pages of {site.homepage} (drafted by khcn new-site): URL -> file.",
                "[pages]"]  # fmt: skip
    manifest += [f"{json.dumps(url)} = {json.dumps(name)}" for url, name in names.items()]
    (folder / "manifest.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    listed = article_urls_of(site, listing, 10_000)
    tripwire = names[pages[0].url] if pages else None
    (folder / "listing.toml").write_text(
        listing_toml(site, listing, names[listing.url], listed, tripwire), encoding="utf-8"
    )


@cli.command()
@click.argument("slug")
@click.option("--listing", "listing_url", help="The listing page to read (default: the first).")
@OFFLINE
@ARTICLES
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Proposed TOML (<slug>.proposed.toml)."
)
def doctor(
    slug: str, listing_url: str | None, offline: str | None, articles: int, out: str | None
) -> None:
    """What SLUG's definition still finds beside what the generic path finds, on its listing
    and a few articles; writes a corrected definition to review. SLUG may be a listing URL."""
    try:
        site = site_for_url(slug) if "://" in slug else get_site(slug)
    except SiteError as exc:
        raise click.ClickException(str(exc)) from exc
    if site is None:
        raise click.ClickException(f"no site is registered for {slug}; try khcn new-site")
    candidates = [listing_url or (slug if "://" in slug else site.listing_urls[0])]
    if not listing_url and "://" not in slug:
        candidates += site.listing_urls[1:]
    for candidate in candidates:  # a feed has no selectors to check: the first HTML listing
        listing, pages = _read_pages(candidate, site, offline, articles)
        if xml_kind(listing.html) is None:
            break
    result = draft(listing, pages, base=site)
    _print_report(result)
    target = Path(out or f"{site.slug}.proposed.toml")
    target.write_text(site_toml(result.site), encoding="utf-8")
    click.echo(f"Wrote the proposed definition to {target}: compare it with the current one "
               f"and keep what is right. Saved as {site.slug}.toml in a folder on "
               "KHCN_SITES_PATH, it replaces the bundled definition.")  # fmt: skip


def main() -> None:
    cli()
