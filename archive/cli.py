"""The `khcn` command group and its archive-side commands. Crawl-side commands are added in
portals/cli.py, so this module never imports Scrapy."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from archive.db import open_db
from archive.export import Filters
from archive.export import export as run_export
from archive.publish import serve as serve_archive

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
@click.option("--site", "sites", multiple=True, help="A site slug (repeatable).")
@click.option("--province", help="Province at publication.")
@click.option("--province-now", help="Province since 1 July 2025.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--query", "-q", help='Search words (with or without diacritics, "phrases").')
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
    show_default=True,
)  # fmt: skip
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True))
def export(
    db: str,
    sites: tuple[str, ...],
    province: str | None,
    province_now: str | None,
    since: datetime | None,
    until: datetime | None,
    query: str | None,
    fmt: str,
    output: str,
) -> None:
    """Write the matching articles to a CSV (UTF-8 with BOM), JSON Lines or Parquet file."""
    if not Path(db).exists():
        raise click.ClickException(f"no archive at {db}")
    filters = Filters(
        sites=sites,
        province=province,
        province_now=province_now,
        since=since.date().isoformat() if since else None,
        until=until.date().isoformat() if until else None,
        query=query,
    )
    database = open_db(db)
    try:
        count = run_export(database, filters, Path(output), fmt)
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
    try:
        serve_archive(db, host=host, port=port, metadata_path=metadata, cache=not no_cache)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
