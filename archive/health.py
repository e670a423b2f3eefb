"""After each run, each site compared with its own history, so that a portal that changed its
layout is noticed on the next run, not months later. Findings go to the `health` table (shown
in Datasette), to the run summary, and decide the exit code of `khcn crawl`."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from archive.db import writing
from archive.suspects import KINDS as HELD_KINDS

HISTORY = 5  # earlier finished runs to compare with
MIN_USUAL_LINKS = 3  # below this, a site's usual yield is too small to judge a drop
MIN_ARTICLES_FOR_COVERAGE = 3
COVERAGE_DROP = 0.3  # a field found in 90% of articles, now in under 60%
COVERED_FIELDS = ("published", "author", "summary", "category", "images")
LEVELS = ("ok", "warning", "alert")
DEFINITION_DRIFT = "definition-drift"
DRIFT_SHARE = 0.5  # the generic path read at least half of a field's pages


@dataclass
class Health:
    site: str
    run_id: int
    level: str = "ok"
    problems: list[str] = field(default_factory=list)

    def flag(self, level: str, problem: str) -> None:
        self.problems.append(problem)
        if LEVELS.index(level) > LEVELS.index(self.level):
            self.level = level


def check_run(db: Database, run: dict[str, Any]) -> Health:
    """What is wrong with a run, judged against the site's earlier finished runs."""
    health = Health(site=run["site"], run_id=run["id"])
    earlier = list(
        db.query(
            "SELECT * FROM crawl_runs WHERE site = ? AND id < ? AND status IN ('ok', 'degraded') "
            "ORDER BY id DESC LIMIT ?",
            [run["site"], run["id"], HISTORY],
        )
    )
    if run["status"] in ("failed", "interrupted"):
        health.flag("alert", f"run {run['status']} ({run['finish_reason']})")
        if _consecutive_failures(db, run) >= 2:
            health.flag("alert", f"{_consecutive_failures(db, run)} failed runs in a row")
    errors = json.loads(run["errors"] or "{}")
    if errors.get("tripwire-listing-links"):
        health.flag("alert", "layout tripwire: tripwire-listing-links")
    # Article pages without title or body: one odd page is a warning; half of them, a layout.
    broken = sum(errors.get(kind, 0) for kind in ("tripwire-no-title", "tripwire-no-body"))
    parsed = broken + run["articles_new"] + run["articles_updated"] + run["articles_duplicate"]
    if broken:
        level = "alert" if broken * 2 >= parsed else "warning"
        health.flag(level, f"{broken} of {parsed} article pages had no title or body")
    # Only a run that read its listing pages (none answered 304 Not Modified) shows its yield.
    read = [r for r in earlier if r["listings_not_modified"] == 0 and r["links_found"]]
    usual = statistics.median(r["links_found"] for r in read) if read else 0
    fully_read = run["listings_not_modified"] == 0 and run["finish_reason"] == "finished"
    if fully_read and usual >= MIN_USUAL_LINKS and run["links_found"] < usual / 2:
        health.flag(
            "alert",
            f"article links on listing pages fell to {run['links_found']} (usually {usual:g})",
        )
    held = {kind: errors[kind] for kind in HELD_KINDS if errors.get(kind)}
    if held:  # the portal's bad day, or an edit nobody can tell from one: a person decides
        shown = ", ".join(f"{n} {kind}" for kind, n in held.items())
        health.flag(
            "alert",
            f"pages held, not applied ({shown}): see `khcn held --site {run['site']}`, "
            "accept those that were real edits",
        )
    _check_coverage(run, earlier, health)
    _check_definition(run, health)
    if run["articles_failed"]:
        health.flag("warning", f"{run['articles_failed']} article pages failed")
    return health


def _check_coverage(run: dict[str, Any], earlier: list[dict[str, Any]], health: Health) -> None:
    coverage = json.loads(run.get("coverage") or "{}")
    if coverage.get("articles", 0) < MIN_ARTICLES_FOR_COVERAGE:
        return
    before = [json.loads(r["coverage"] or "{}") for r in earlier]
    before = [c for c in before if c.get("articles", 0) >= MIN_ARTICLES_FOR_COVERAGE]
    for name in COVERED_FIELDS:
        values = [c[name] for c in before if name in c]
        if values and coverage.get(name, 0) < statistics.median(values) - COVERAGE_DROP:
            health.flag(
                "alert",
                f"{name} found in {coverage.get(name, 0):.0%} of new articles "
                f"(usually {statistics.median(values):.0%})",
            )


def _check_definition(run: dict[str, Any], health: Health) -> None:
    """``definition-drift``: the site definition stopped matching pages (listing, title, date,
    body, pager) that the generic path still read; the run archived them, the definition
    needs repair (``khcn doctor SLUG`` proposes one)."""
    counts = json.loads(run.get("definition") or "{}")
    drifted = []
    for name, used in sorted(counts.items()):
        served, fallback = used.get("served", 0), used.get("fallback", 0)
        if fallback and fallback >= (served + fallback) * DRIFT_SHARE:
            drifted.append(f"{name} {fallback} of {served + fallback} pages")
    if drifted:
        health.flag(
            "alert",
            f"{DEFINITION_DRIFT}: the site definition no longer matches ({', '.join(drifted)} "
            f"read by the generic path); run `khcn doctor {run['site']}`",
        )


def _consecutive_failures(db: Database, run: dict[str, Any]) -> int:
    count = 0
    for row in db.query(
        "SELECT status FROM crawl_runs WHERE site = ? AND id <= ? ORDER BY id DESC",
        [run["site"], run["id"]],
    ):
        if row["status"] not in ("failed", "interrupted"):
            break
        count += 1
    return count


def record(db: Database, health: Health, checked_at: str) -> None:
    with writing(db):
        db["health"].insert(
            {
                "run_id": health.run_id,
                "site": health.site,
                "checked_at": checked_at,
                "level": health.level,
                "problems": "; ".join(health.problems),
            }
        )
