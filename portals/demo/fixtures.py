"""The saved pages of tests/fixtures with their original URLs, and the gold fields people wrote
for them (``expected.toml``): read by the tests and the accuracy benchmark alike."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from portals.demo import SNAPSHOTS

FIXTURES = SNAPSHOTS
HELD_OUT = "_unregistered"


@dataclass(frozen=True)
class SavedPage:
    url: str
    html: str
    path: Path


def _manifest(site: str) -> dict:
    return tomllib.loads((FIXTURES / site / "manifest.toml").read_text(encoding="utf-8"))


def saved_pages(site: str) -> dict[str, SavedPage]:
    """Every saved page of a site's fixture folder, by file name, with its original URL
    (POST answers under the URL they were posted to)."""
    manifest = _manifest(site)
    urls = {name: url for url, name in manifest.get("pages", {}).items()}
    urls.update({post["file"]: post["url"] for post in manifest.get("posts", [])})
    folder = FIXTURES / site
    return {
        name: SavedPage(url, (folder / name).read_text(encoding="utf-8"), folder / name)
        for name, url in urls.items()
    }


def saved_page(site: str, name: str) -> SavedPage:
    return saved_pages(site)[name]


@dataclass(frozen=True)
class GoldArticle:
    """One saved article page and the fields a person wrote down for it (expected.toml)."""

    site: str
    file: str
    fields: dict

    @property
    def id(self) -> str:
        return f"{self.site}/{self.file}"


def gold_articles() -> list[GoldArticle]:
    """Every article of every registered site's ``expected.toml``."""
    gold = []
    for expected in sorted(FIXTURES.glob("*/expected.toml")):
        if not expected.parent.name.startswith("_"):
            gold += _gold_of(expected)
    return gold


def held_out_articles(folder: str = HELD_OUT) -> list[GoldArticle]:
    """The pages of unregistered hosts of a page set (``_unregistered/`` and ``_held_out_2/``
    to ``_held_out_4/`` are never used to tune anything; ``_generic_dev*/`` are the development
    sets)."""
    expected = FIXTURES / folder / "expected.toml"
    return _gold_of(expected) if expected.is_file() else []


def _gold_of(expected: Path) -> list[GoldArticle]:
    data = tomllib.loads(expected.read_text(encoding="utf-8"))
    return [GoldArticle(expected.parent.name, entry["file"], entry) for entry in data["articles"]]
