"""Folders of saved pages: a ``manifest.toml`` maps each original URL to its file (``[pages]``),
answers POSTs whose form or JSON fields match (``[[posts]]``) and lists 301 redirects
(``[redirects]``); see docs/adding-a-portal.md. Read by `khcn extract` (the URLs of saved
pages) and by the replay server of the demo and the tests."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Post:
    url: str
    match: dict[str, str]
    path: Path


@dataclass
class Snapshot:
    """What the replay server answers: pages by URL, POST answers, redirects."""

    pages: dict[str, Path] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)

    def hosts(self) -> list[str]:
        urls = [
            *self.pages,
            *(p.url for p in self.posts),
            *self.redirects,
            *self.redirects.values(),
        ]
        return sorted({urlsplit(url).hostname or "" for url in urls} - {""})

    def answer_post(self, url: str, fields: dict[str, Any]) -> Path | None:
        for post in self.posts:
            if post.url == url and all(str(fields.get(k)) == str(v) for k, v in post.match.items()):
                return post.path
        return None


def load_snapshot(directories: Iterable[Path]) -> Snapshot:
    """The union of the ``manifest.toml`` of each snapshot directory."""
    snapshot = Snapshot()
    for directory in directories:
        manifest = tomllib.loads((directory / "manifest.toml").read_text(encoding="utf-8"))
        for url, name in manifest.get("pages", {}).items():
            snapshot.pages[url] = directory / name
        for post in manifest.get("posts", []):
            snapshot.posts.append(
                Post(post["url"], post.get("match", {}), directory / post["file"])
            )
        snapshot.redirects.update(manifest.get("redirects", {}))
    return snapshot
