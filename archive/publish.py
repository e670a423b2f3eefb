"""Publish the archive with Datasette: read-only, bound to loopback, configured by metadata.yml."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import uvicorn
import yaml
from datasette.app import Datasette
from datasette.plugins import pm

from archive import guard, image_check, reading, reading_room
from archive.db import images_folder, open_db, warc_folder
from archive.response_cache import ResponseCache

METADATA_DATABASE_KEY = "archive"
DEFAULT_METADATA = Path(__file__).resolve().parent / "metadata.yml"  # packaged (a link in the repo)
# research/fts_scale.md §5: facet suggestions dominate table pages; ranked search of common
# words needs more than the 1 s default; facet limit must stay <= the SQL limit.
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "suggest_facets": False,
    "max_returned_rows": 1000,
    # a streamed CSV is complete or fails loudly: no size cap cutting it short with HTTP 200
    "max_csv_mb": 0,
    "allow_download": True,
}


def load_metadata(db_path: str | Path, metadata_path: str | Path | None = None) -> dict[str, Any]:
    """metadata.yml with its ``databases.archive`` block re-keyed to the served file's name."""
    path = Path(metadata_path) if metadata_path else DEFAULT_METADATA
    metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    databases = metadata.get("databases", {})
    if name != METADATA_DATABASE_KEY and METADATA_DATABASE_KEY in databases:
        databases[name] = copy.deepcopy(databases.pop(METADATA_DATABASE_KEY))
    return metadata


def make_datasette(db_path: str | Path, metadata_path: str | Path | None = None) -> Datasette:
    """The Datasette app `khcn serve` runs; tests drive this same object in-process.

    Files are opened read-only (Datasette uses ``mode=ro`` for mutable files) and not
    immutable, so a crawl may keep writing through WAL while the archive is served.
    """
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no archive at {db_path}: run `khcn crawl` or `khcn demo` first")
    open_db(db_path).close()  # an archive written by an older version gets the current schema
    for plugin in (reading, reading_room):
        if not pm.is_registered(plugin):
            pm.register(plugin)
    for checks in (guard, image_check):
        if not pm.is_registered(checks):
            pm.register(checks)
    images, warc = images_folder(db_path), warc_folder(db_path)
    mounts = [(name, str(path)) for name, path in (("images", images), ("warc", warc))]
    return Datasette(
        files=[str(db_path)],
        metadata=load_metadata(db_path, metadata_path),
        settings=SETTINGS,
        cors=False,
        # the archived image files at /images/<images.path>, the WARC files at /warc/<name>
        static_mounts=[(name, path) for name, path in mounts if Path(path).is_dir()],
    )


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    metadata_path: str | Path | None = None,
    cache: bool = True,
) -> None:
    """Serve until interrupted, as `datasette serve` does (startup hooks, then uvicorn); pages
    are kept in memory until the archive changes unless ``cache`` is off."""
    datasette = make_datasette(db_path, metadata_path)
    asyncio.run(datasette.invoke_startup())
    app = datasette.app()
    if cache:
        app = ResponseCache(app, db_path)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on")
