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
    """Keep an image's bytes (once: an identical file already there is left alone)."""
    relative = content_path(url, body)
    target = Path(folder) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_bytes(body)
        partial.replace(target)
    return ImageFile(sha256=PurePosixPath(relative).stem, path=relative, size=len(body))
