"""A Datasette plugin `khcn serve` registers in its own process: every connection has the
archive's ``khcn_fold`` SQL function and reads the archive through a memory map instead of
read() calls. A facet or count over a search that
matches most of the archive reads one wide row per match (issue 7 §8: a facet over 200,000
hits, 234 -> 143 ms measured in SQL). It takes address space only; the OS page cache backs it."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from archive.search import register_fold

MMAP_BYTES = 1 << 34


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    register_fold(conn)  # khcn_fold(), which the canned `search` query folds its words with
