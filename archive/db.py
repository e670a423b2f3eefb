"""Open the archive: a SQLite file through sqlite-utils, WAL mode, schema migrated."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from archive.migrations import migrations


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the archive. WAL lets Datasette read while we write.

    sqlite-utils turns ``recursive_triggers`` on, which keeps the FTS index consistent on
    upserts; always write through the returned object.
    """
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    migrations.apply(db)
    return db
