"""What a portal's new theme does to its pages, applied to a copy of a fixture folder: every
class and id token renamed, class and id attributes removed, or those removed and every `div`
turned into another block tag. The text, the links and the URLs stay as they were, so a crawl
of the copy shows what survives a redesign nobody has told the site definition about."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

REDESIGNS = ("renamed", "unclassed", "reblocked")
_CLASS_OR_ID = re.compile(r"""(\s(?:class|id)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_BARE_CLASS_OR_ID = re.compile(r"""\s(?:class|id)\s*=\s*(["']).*?\1""", re.IGNORECASE | re.DOTALL)
_DIV = re.compile(r"<(/?)div\b", re.IGNORECASE)


def renamed_token(token: str) -> str:
    """The new theme's name for a class or id: the same everywhere on the site."""
    return "t" + hashlib.sha1(token.encode()).hexdigest()[:7]


def _rename(html: str) -> str:
    def rename(match: re.Match[str]) -> str:
        tokens = " ".join(renamed_token(t) for t in match.group(3).split())
        return f"{match.group(1)}{match.group(2)}{tokens}{match.group(2)}"

    return _CLASS_OR_ID.sub(rename, html)


def _unclass(html: str) -> str:
    return _BARE_CLASS_OR_ID.sub("", html)


def _reblock(html: str) -> str:
    return _DIV.sub(lambda m: f"<{m.group(1)}section", _unclass(html))


MUTATIONS: dict[str, Callable[[str], str]] = {
    "renamed": _rename,
    "unclassed": _unclass,
    "reblocked": _reblock,
}


def redesign_folder(source: Path, target: Path, kind: str) -> Path:
    """Copy a fixture folder with its HTML pages (and the HTML inside JSON answers) redesigned;
    the manifest, feeds and robots.txt are copied as they are."""
    mutate = MUTATIONS[kind]
    shutil.copytree(source, target)
    for page in target.iterdir():
        if page.suffix == ".html":
            page.write_text(mutate(page.read_text(encoding="utf-8")), encoding="utf-8")
        elif page.suffix == ".json":
            data = json.loads(page.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("d"), str):
                data["d"] = mutate(data["d"])
                page.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target
