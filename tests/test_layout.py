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


def module_level_imports(path: Path) -> set[str]:
    """The dotted modules a file imports at its top level (not inside a function)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


DEMO_TOOLING = ("portals.demo.replay", "portals.demo.synthetic_site", "portals.demo.fixtures",
                "portals.demo.accuracy")  # fmt: skip
RUNTIME = [p for p in python_files("portals", "archive") if "demo" not in p.relative_to(ROOT).parts]


@pytest.mark.parametrize("path", python_files("archive"), ids=relative)
def test_archive_never_imports_scrapy_or_portals(path: Path) -> None:
    assert not imported_modules(path) & {"scrapy", "portals", "twisted", "parsel"}


@pytest.mark.parametrize("path", RUNTIME, ids=relative)
def test_runtime_code_never_imports_the_demo_tooling(path: Path) -> None:
    """The replay server, synthetic portals and gold readers are test and demo tooling: only
    `khcn demo` imports the replay server, inside the command."""
    imported = module_level_imports(path)
    assert not {m for m in imported if m.startswith(DEMO_TOOLING)}, imported


@pytest.mark.parametrize("path", python_files("portals", "archive", "bench"), ids=relative)
def test_no_module_outside_tests_imports_tests(path: Path) -> None:
    assert "tests" not in imported_modules(path)


@pytest.mark.parametrize("path", python_files("portals/spiders"), ids=relative)
def test_the_spider_imports_no_archive_module(path: Path) -> None:
    assert "archive" not in imported_modules(path)


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
    """Saved pages, and what they must give as data: listing.toml for the listing pages
    (tests/sites/test_listings.py), expected.toml for the articles (test_articles.py)."""
    for name in ("manifest.toml", "listing.toml", "expected.toml"):
        assert (FIXTURES / slug / name).is_file(), f"tests/fixtures/{slug}/{name}"


@pytest.mark.parametrize("path", python_files("tests"), ids=relative)
def test_tests_share_helpers_with_bench_only_through_the_demo_tooling(path: Path) -> None:
    assert "bench" not in imported_modules(path)


def family_rows() -> list[str]:
    """docs/adding-a-portal.md's table of what each CMS family supplies, from the adapters."""
    from dataclasses import fields

    from portals.platforms import PLATFORMS
    from portals.registry import Selectors

    names = [f.name for f in fields(Selectors)]
    rows = []
    for name, platform in PLATFORMS.items():
        given = [f"`{k}`" for k in names if getattr(platform.selectors, k)]
        left = [f"`{k}`" for k in names if not getattr(platform.selectors, k)]
        rows.append(f"| `{name}` ({platform.label}) | `{platform.pager}` | "
                    f"{', '.join(given) or 'none'} | {', '.join(left)} |")  # fmt: skip
    return rows


def test_adding_a_portal_says_what_each_family_supplies() -> None:
    doc = (ROOT / "docs" / "adding-a-portal.md").read_text(encoding="utf-8")
    missing = [row for row in family_rows() if row not in doc]
    assert not missing, "docs/adding-a-portal.md's family table is out of date:\n" + "\n".join(
        missing
    )


def spider_callbacks() -> list[tuple[str, object]]:
    """Every method of every spider class: the callbacks a crawl calls."""
    import inspect

    from scrapy.utils.spider import iter_spider_classes

    found = []
    for path in python_files("portals/spiders"):
        module = __import__(f"portals.spiders.{path.stem}", fromlist=["*"])
        for spider in iter_spider_classes(module):
            for name, method in inspect.getmembers(spider, inspect.isfunction):
                if method.__module__.startswith("portals"):
                    found.append((f"{spider.__name__}.{name}", method))
    return found


@pytest.mark.parametrize(
    ("name", "method"), spider_callbacks(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_no_spider_callback_is_a_generator_that_returns_a_value(name: str, method) -> None:
    """Scrapy's own check (WARN_ON_GENERATOR_RETURN_VALUE), run here once instead of at every
    response of a crawl (portals/settings.py)."""
    from scrapy.utils.misc import is_generator_with_return_value

    assert not is_generator_with_return_value(method), name
