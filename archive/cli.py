"""The `khcn` command group and its archive-side commands. Crawl-side commands are added in
portals/cli.py, so this module never imports Scrapy."""

from __future__ import annotations

import click

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
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="Datasette metadata file (default: the project's metadata.yml).",
)
def serve(db: str, host: str, port: int, metadata: str | None) -> None:
    """Publish the archive read-only with Datasette."""
    try:
        serve_archive(db, host=host, port=port, metadata_path=metadata)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
