"""The `khcn` command group and its archive-side commands. Crawl-side commands are added in
portals/cli.py, so this module never imports Scrapy."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from archive import holds, store
from archive.db import open_db
from archive.export import Filters, choose_columns
from archive.export import export as run_export
from archive.filters import UnknownValue, match_sites, match_values

DB_OPTION = click.option(
    "--db",
    default="archive.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The archive's SQLite file.",
)


@click.group()
@click.version_option(package_name="khcn-archive")
def cli() -> None:
    """khcn-archive: crawl Vietnamese provincial S&T news portals into a SQLite archive."""


@cli.command()
@DB_OPTION
@click.option(
    "--site",
    "sites",
    multiple=True,
    help="A site: its slug or its portal's name, with or without diacritics (repeatable).",
)
@click.option(
    "--province",
    "provinces",
    multiple=True,
    help='Province at publication, with or without diacritics: "Hai Phong" (repeatable).',
)
@click.option(
    "--province-now",
    "provinces_now",
    multiple=True,
    help="Province since 1 July 2025 (repeatable).",
)
@click.option("--category", "categories", multiple=True, help="A category (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--query", "-q", help='Search words (with or without diacritics, "phrases").')
@click.option(
    "--columns",
    help="These articles columns, in this order (comma-separated), instead of the curated set.",
)
@click.option(
    "--all-columns",
    is_flag=True,
    help="Every articles column (the curated ones first, then body_html, methods, ...).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
    show_default=True,
)  # fmt: skip
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True))
def export(
    db: str,
    sites: tuple[str, ...],
    provinces: tuple[str, ...],
    provinces_now: tuple[str, ...],
    categories: tuple[str, ...],
    since: datetime | None,
    until: datetime | None,
    query: str | None,
    columns: str | None,
    all_columns: bool,
    fmt: str,
    output: str,
) -> None:
    """Write the matching articles to a CSV (UTF-8 with BOM), JSON Lines or Parquet file.

    Each filter may be given several times: an article matches any of its values. Sites,
    provinces and categories are matched without case or diacritics; an unknown one is an
    error naming the closest known values, and no file is written."""
    if not Path(db).exists():
        raise click.ClickException(f"no archive at {db}")
    if columns is not None and all_columns:
        raise click.UsageError("--columns and --all-columns exclude each other")
    requested = [name.strip() for name in (columns or "").split(",") if name.strip()]
    if columns is not None and not requested:
        raise click.UsageError("--columns needs at least one column name")
    database = open_db(db)
    try:
        try:
            filters = Filters(
                sites=match_sites(database, sites),
                provinces=match_values(database, "province", provinces),
                provinces_now=match_values(database, "province_current", provinces_now),
                categories=match_values(database, "category", categories),
                since=since.date().isoformat() if since else None,
                until=until.date().isoformat() if until else None,
                query=query,
            )
            chosen = choose_columns(database, requested, all_columns)
        except UnknownValue as exc:
            raise click.ClickException(str(exc)) from exc
        count = run_export(database, filters, Path(output), fmt, chosen)
    finally:
        database.close()
    click.echo(f"{count} articles -> {output}")


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="Datasette metadata file (default: the project's metadata.yml).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Compute every page anew (pages are otherwise kept until the archive changes).",
)
def serve(db: str, host: str, port: int, metadata: str | None, no_cache: bool) -> None:
    """Publish the archive read-only with Datasette."""
    from archive.publish import serve as serve_archive  # Datasette: only this command needs it

    try:
        serve_archive(db, host=host, port=port, metadata_path=metadata, cache=not no_cache)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@DB_OPTION
@click.option("--site", help="Only the captures of this site (slug).")
@click.option("--accept", "accept_ids", multiple=True, type=int, metavar="ID",
              help="Apply this held capture (repeatable): it was a real edit.")  # fmt: skip
@click.option("--accept-all", is_flag=True, help="Apply every listed held capture.")
def held(db: str, site: str | None, accept_ids: tuple[int, ...], accept_all: bool) -> None:
    """List the captures held instead of applied (maintenance pages, not-found templates,
    texts that are no edit of the archived one), or accept those that were real edits."""
    if not Path(db).exists():
        raise click.ClickException(f"no archive at {db}")
    database = open_db(db)
    try:
        waiting = holds.pending(database, site)
        if not accept_ids and not accept_all:
            for row in waiting:
                click.echo(
                    f"{row['id']}\t{row['kind']}\t{row['site']}\t{row['url']}\t{row['reason']}"
                )
            click.echo(f"{len(waiting)} held captures", err=True)
            return
        ids = [row["id"] for row in waiting] if accept_all else list(accept_ids)
        unknown = sorted(set(ids) - {row["id"] for row in waiting})
        if unknown:
            raise click.ClickException(f"no held capture waiting with id {unknown}")
        saved = store.save_articles(database, holds.accepted_records(database, ids))
        holds.mark_accepted(database, ids)
    finally:
        database.close()
    click.echo(f"{len(ids)} accepted: {saved.updated} articles updated, {saved.new} new")
