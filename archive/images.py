"""Archived image files: stored once by content (SHA-256), under ``ab/abcdef….jpg`` in the
archive's image folder, whatever URL or article they came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".tif", ".tiff")


@dataclass(frozen=True)
class ImageFile:
    sha256: str
    path: str
    size: int


def content_path(url: str, body: bytes) -> str:
    """Where an image with this content is kept, relative to the image folder."""
    digest = hashlib.sha256(body).hexdigest()
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return f"{digest[:2]}/{digest}{suffix if suffix in IMAGE_SUFFIXES else ''}"


def store_image(folder: str | Path, url: str, body: bytes) -> ImageFile:
    """Keep an image's bytes (once: an identical file already there is left alone; a damaged
    one is written again). Written beside and renamed: a full disk leaves no partial file."""
    relative = content_path(url, body)
    target = Path(folder) / relative
    if not is_intact(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".part")
        try:
            partial.write_bytes(body)
            partial.replace(target)
        except OSError:
            partial.unlink(missing_ok=True)
            raise
    return ImageFile(sha256=PurePosixPath(relative).stem, path=relative, size=len(body))


def is_intact(path: Path) -> bool:
    """The file exists and holds the content its name is the SHA-256 of."""
    try:
        body = path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(body).hexdigest() == path.name.split(".")[0]


VERIFIED_MARK = ".verified"


def damaged_files(folder: str | Path) -> list[str]:
    """Image files (relative paths) whose content is not what their name says — cut short by a
    full disk or a crash, or altered on disk — and leftover partial files; only files written
    since the last check (``.verified`` marks it), so a check costs what was added."""
    root = Path(folder)
    mark = root / VERIFIED_MARK
    since = mark.stat().st_mtime if mark.exists() else 0.0
    found = []
    for path in root.glob("*/*"):
        if not path.is_file() or path.stat().st_mtime < since:
            continue
        if path.suffix == ".part" or not is_intact(path):
            found.append(str(path.relative_to(root)))
    return sorted(found)


def remove_damaged(folder: str | Path) -> list[str]:
    """Delete the damaged files (their images are fetched again: they have no file now) and
    mark the folder checked; returns what was removed."""
    root = Path(folder)
    if not root.is_dir():
        return []
    damaged = damaged_files(root)
    for relative in damaged:
        (root / relative).unlink(missing_ok=True)
    (root / VERIFIED_MARK).touch()
    return damaged
