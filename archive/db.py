"""Open the archive: a SQLite file through sqlite-utils, WAL mode, schema migrated."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from archive.migrations import migrations


def warc_folder(db_path: str | Path) -> Path:
    """The WARC files of an archive live beside it: ``archive.db`` -> ``archive-warc/``."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-warc")


def images_folder(db_path: str | Path) -> Path:
    """The image files of an archive live beside it: ``archive.db`` -> ``archive-images/``."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-images")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the archive. WAL lets Datasette read while we write.

    sqlite-utils turns ``recursive_triggers`` on, which keeps the FTS index consistent on
    upserts; always write through the returned object.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    migrations.apply(db)
    return db
