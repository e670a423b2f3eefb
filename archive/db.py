"""Open the archive: a SQLite file through sqlite-utils, WAL mode, schema migrated."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from archive.migrations import migrations
from archive.search import register_fold


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
    register_fold(db.conn)
    db.execute("PRAGMA busy_timeout = 10000")  # wait for another writer, never fail at once
    db.execute("PRAGMA foreign_keys = ON")
    # Workers of a distributed crawl may open a new archive at the same moment: one migrates.
    with open(Path(f"{path}.migrate-lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if db.journal_mode != "wal":
            db.enable_wal()
        migrations.apply(db)
    return db


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction, taking the write lock at its start (BEGIN IMMEDIATE): with several
    writers (workers of a distributed crawl) a transaction that first reads and then writes
    could otherwise fail at once with "database is locked" instead of waiting its turn."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
