"""Room on the archive's disk: a full disk told apart from other write errors, and a reserve
that keeps room for a crawl's last writes (its run row and failures) once the disk is full.

A process keeps one ``ArchiveSpace`` per archive (``archive_space``): every crawler of the
process writes to the same disk, so when one writer finds it full, all of them stop writing."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

DISK_FULL = "disk-full"  # a crawl's failure kind and finish reason when the disk filled up
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
RESERVE_BYTES = 4 * 1024 * 1024  # the run row, its failures and the health check fit in it
SQLITE_FULL = 13
_FREE_AND_RERUN = "free some space and run the crawl again: it resumes where it stopped"


class DiskFull(OSError):
    """The disk holding the archive has no room: the crawl cannot start or go on."""

    def __init__(self, path: str | Path, cause: BaseException | None = None) -> None:
        free = free_bytes(path)
        shown = "" if free is None else f" ({free // 1024:,} KB free)"
        detail = f": {cause}" if cause else ""
        super().__init__(
            errno.ENOSPC,
            f"the disk holding {path} is full{shown}{detail}; {_FREE_AND_RERUN}",
        )


def stopped_for_full_disk(path: str | Path) -> str:
    """What a crawl stopped by a full disk tells the operator."""
    return f"the disk holding {path} filled up; {_FREE_AND_RERUN}"


def is_disk_full(error: BaseException) -> bool:
    """Whether a write failed because the disk (or the user's quota) is full."""
    if isinstance(error, OSError):
        return error.errno in FULL_ERRNOS
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return code == SQLITE_FULL or "database or disk is full" in str(error)
    return False


def free_bytes(path: str | Path) -> int | None:
    """Bytes free on the disk holding ``path`` (its nearest existing folder)."""
    folder = Path(path).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


class ArchiveSpace:
    """The disk of one archive: a reserve file held beside it while a crawl runs, released
    the first time a writer finds the disk full (``filled``), after which nothing more is
    written but the run's own record."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        # one reserve per process: the workers of a distributed crawl share the archive
        self.reserve = self.db_path.with_name(f"{self.db_path.name}.reserve-{os.getpid()}")
        self.full = ""  # why the disk was found full; empty while it has room

    def hold(self) -> None:
        """Set the reserve aside (raises DiskFull when even that finds no room), after removing
        the reserves that processes killed before they could release theirs left behind."""
        self.full = ""
        for left in self.db_path.parent.glob(f"{self.db_path.name}.reserve-*"):
            pid = left.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                left.unlink(missing_ok=True)
        try:
            with self.reserve.open("wb") as stream:
                stream.write(b"\0" * RESERVE_BYTES)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            self.reserve.unlink(missing_ok=True)
            if is_disk_full(error):
                raise DiskFull(self.db_path, error) from error
            raise

    def filled(self, error: BaseException) -> bool:
        """Note that the disk is full, giving the reserve back for the run's last writes;
        True the first time."""
        if self.full:
            return False
        self.full = str(error) or "the disk is full"
        self.release()
        return True

    def release(self) -> None:
        self.reserve.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


_spaces: dict[Path, ArchiveSpace] = {}
_named: dict[str, ArchiveSpace] = {}  # as the callers name it: asked for at every response


def archive_space(db_path: str | Path) -> ArchiveSpace:
    """This process's one ``ArchiveSpace`` of the archive at ``db_path``."""
    space = _named.get(str(db_path))
    if space is None:
        key = Path(db_path).absolute()
        space = _named[str(db_path)] = _spaces.setdefault(key, ArchiveSpace(key))
    return space
