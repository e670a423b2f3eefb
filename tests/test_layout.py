"""The layout rules of docs/architecture.md that code can check."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from portals.registry import all_sites
from tests.conftest import FIXTURES, ROOT


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "archive").glob("*.py")), ids=lambda p: p.name)
def test_archive_never_imports_scrapy_or_portals(path: Path) -> None:
    assert not imported_modules(path) & {"scrapy", "portals", "twisted", "parsel"}


@pytest.mark.parametrize(
    "path", sorted((ROOT / "portals" / "parsing").glob("*.py")), ids=lambda p: p.name
)
def test_parsers_are_pure(path: Path) -> None:
    """No network, clock, database or Scrapy in parsing modules."""
    forbidden = {"scrapy", "twisted", "archive", "sqlite3", "sqlite_utils", "requests", "time"}
    assert not imported_modules(path) & forbidden
    source = path.read_text(encoding="utf-8")
    assert ".now(" not in source and "today(" not in source


@pytest.mark.parametrize("slug", sorted(all_sites()))
def test_every_site_has_fixtures_and_a_test(slug: str) -> None:
    assert (FIXTURES / slug / "manifest.toml").is_file()
    assert (ROOT / "tests" / "portals" / f"test_{slug}.py").is_file()
