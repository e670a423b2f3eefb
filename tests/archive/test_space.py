"""archive/space.py on a real small filesystem: a full disk told apart from other errors, for
files and for SQLite, and the reserve that keeps room for a crawl's last writes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive.space import RESERVE_BYTES, ArchiveSpace, DiskFull, free_bytes, is_disk_full
from tests.conftest import small_filesystem


def fill(folder: Path) -> None:
    """Write until the filesystem refuses."""
    with (folder / "filler").open("wb") as stream:
        try:
            while True:
                stream.write(b"x" * 65536)
                stream.flush()
        except OSError:
            pass


def test_a_full_disk_is_told_apart_from_other_errors(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "small", "256k") as folder:
        fill(folder)
        with pytest.raises(OSError) as written:
            (folder / "more").write_bytes(b"y" * 65536)
        conn = sqlite3.connect(folder / "archive.db")
        with pytest.raises(sqlite3.Error) as stored:
            conn.execute("CREATE TABLE t (x)")
            conn.executemany("INSERT INTO t VALUES (?)", [("z" * 4000,)] * 200)
            conn.commit()
        conn.close()
    assert is_disk_full(written.value) and is_disk_full(stored.value)
    assert not is_disk_full(FileNotFoundError(2, "No such file or directory"))
    assert not is_disk_full(sqlite3.IntegrityError("UNIQUE constraint failed: articles.url"))
    assert not is_disk_full(ValueError("no space left"))


def test_the_reserve_is_room_given_back_once_when_the_disk_fills_up(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "small", "8m") as folder:
        space = ArchiveSpace(folder / "archive.db")
        before = free_bytes(folder)
        space.hold()
        assert space.reserve.stat().st_size == RESERVE_BYTES
        assert free_bytes(folder) <= before - RESERVE_BYTES
        fill(folder)
        assert space.filled(OSError(28, "No space left on device")) is True
        assert space.filled(OSError(28, "No space left on device")) is False  # said once
        assert not space.reserve.exists() and free_bytes(folder) >= RESERVE_BYTES
        assert "No space left" in space.full


def test_no_room_for_the_reserve_means_the_crawl_does_not_start(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "small", "2m") as folder:
        fill(folder)
        space = ArchiveSpace(folder / "archive.db")
        with pytest.raises(DiskFull, match=r"is full .* free some space"):
            space.hold()
        assert not space.reserve.exists()


def test_a_dead_process_reserve_is_removed_and_a_live_ones_kept(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = tmp_path / f"archive.db.reserve-{gone.stdout.strip()}"
    live = tmp_path / "archive.db.reserve-1"  # pid 1 is always running
    for left in (dead, live):
        left.write_bytes(b"\0" * 10)
    space = ArchiveSpace(tmp_path / "archive.db")
    space.hold()
    assert not dead.exists() and live.exists() and space.reserve.exists()
    space.release()
    assert not space.reserve.exists()
