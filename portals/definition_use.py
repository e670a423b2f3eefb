"""How much of a run a site definition still served: per field, the pages its selectors (or
declared pager) read, and those the generic path stood in for. A definition that stops
matching while the generic path still archives is *drift*: each such page is recorded as a
``definition-drift`` failure (the run is degraded, the articles are stored) and the counts go
to the run's ``definition`` column, which the health check reads (archive/health.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from portals.registry import Selectors

DRIFT = "definition-drift"
PREFIX = "khcn/definition"
# Article fields every article has (a missing author or summary proves nothing), with the
# selector that declares each.
ARTICLE_FIELDS = (("title", "title"), ("published", "date"), ("body", "body"))


class DefinitionUse:
    """``count`` adds one to a crawl stat; ``fail`` records one page's drift for the run."""

    def __init__(self, count: Callable[[str], None], fail: Callable[[str, str, str], None]):
        self.count, self.fail = count, fail

    def served(self, field: str) -> None:
        self.count(f"{PREFIX}/{field}/served")

    def fell_back(self, field: str, url: str, detail: str) -> None:
        self.count(f"{PREFIX}/{field}/fallback")
        self.fail(DRIFT, url, f"{field}: {detail}")

    def article(self, url: str, methods: Mapping[str, str], selectors: Selectors) -> None:
        """One article page: which of its declared selectors found their field."""
        missed = []
        for field, selector in ARTICLE_FIELDS:
            if not getattr(selectors, selector) or field not in methods:
                continue
            if methods[field] == "selector":
                self.served(field)
            else:
                self.count(f"{PREFIX}/{field}/fallback")
                missed.append(f"{field} by {methods[field]}")
        if missed:
            self.fail(DRIFT, url, "selectors missed: " + ", ".join(missed))


def definition_counts(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """{"listing": {"served": 3, "fallback": 1}, "title": {...}, ...} from a run's stats."""
    counts: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if key.startswith(f"{PREFIX}/"):
            field, how = key.removeprefix(f"{PREFIX}/").rsplit("/", 1)
            counts.setdefault(field, {"served": 0, "fallback": 0})[how] = value
    return counts
