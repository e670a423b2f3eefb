"""A redesign nobody told the site definitions about: every registered fixture set copied with
its class and id tokens renamed, with class and id attributes removed, and with those removed
and every `div` turned into a `section` (tests/redesign.py), then crawled by the real engine.
The crawl must still archive the articles, with their fields right, and say for every site
that its definition drifted. The unmutated crawl (test_crawl.py) stays at 100%."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import sqlite_utils

from portals.demo.accuracy import body_f1
from portals.demo.replay import local_crawl_command, replay_server
from portals.parsing.urls import canonical_url
from portals.registry import all_sites
from tests.conftest import FIXTURES, ROOT, gold_articles, saved_page
from tests.redesign import REDESIGNS, redesign_folder

SITES = sorted(all_sites())
GOLD = gold_articles()
SHARE = 0.95


@pytest.fixture(scope="module", params=REDESIGNS)
def redesigned(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    kind = request.param
    folder = tmp_path_factory.mktemp(kind)
    snapshots = [redesign_folder(FIXTURES / slug, folder / slug, kind) for slug in SITES]
    db = folder / "archive.db"
    with replay_server(snapshots) as replay:
        env = {**os.environ, **replay.proxy_environment()}
        finished = subprocess.run(
            local_crawl_command(SITES, db),
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    return kind, sqlite_utils.Database(db), finished


def stored(db: sqlite_utils.Database) -> dict[str, dict]:
    """Each gold article's stored row, by gold id (absent when it was not archived)."""
    rows = {}
    for gold in GOLD:
        url = canonical_url(saved_page(gold.site, gold.file).url, all_sites()[gold.site].homepage)
        row = next(
            db.query(
                "SELECT a.* FROM article_urls u JOIN articles a ON a.id = u.article_id "
                "WHERE u.url = ?",
                [url],
            ),
            None,
        )
        if row is not None:
            rows[gold.id] = row
    return rows


def test_the_crawl_archives_the_articles(redesigned) -> None:
    kind, db, finished = redesigned
    assert "Traceback" not in finished.stderr, finished.stderr[-3000:]
    rows = stored(db)
    missing = [g.id for g in GOLD if g.id not in rows]
    assert len(rows) >= SHARE * len(GOLD), f"{kind}: not archived {missing}"


def test_the_fields_are_right(redesigned) -> None:
    kind, db, _ = redesigned
    rows = stored(db)
    right = {"title": 0, "date": 0, "author": 0}
    wrong: dict[str, list[str]] = {name: [] for name in right}
    for gold in GOLD:
        row = rows.get(gold.id, {})
        checks = {
            "title": row.get("title") == gold.fields["title"],
            "date": (row.get("published") or "")[:10] == gold.fields.get("published", "")[:10],
            "author": (row.get("author") or "") == gold.fields.get("author", ""),
        }
        for name, ok in checks.items():
            right[name] += ok
            if not ok:
                wrong[name].append(gold.id)
    shares = {name: count / len(GOLD) for name, count in right.items()}
    for name, share in shares.items():
        assert share >= SHARE, f"{kind}: {name} right on {share:.1%}; wrong: {wrong[name]}"
    body = body_f1((rows.get(g.id, {}).get("body_text") or "", g.fields["body"]) for g in GOLD)
    assert body >= SHARE, f"{kind}: body F1 {body:.3f}"


def test_every_site_says_its_definition_drifted(redesigned) -> None:
    kind, db, finished = redesigned
    assert finished.returncode == 1  # an alert: the operator is told
    latest = {
        row["site"]: row
        for row in db.query(
            "SELECT r.site, r.status, r.errors, h.problems FROM crawl_runs r "
            "JOIN health h ON h.run_id = r.id ORDER BY r.id"
        )
    }
    assert sorted(latest) == SITES
    for site, run in latest.items():
        assert run["status"] == "degraded", (kind, site, run)
        assert json.loads(run["errors"]).get("definition-drift"), (kind, site, run)
        assert "definition-drift" in run["problems"], (kind, site, run)
    failures = {r["site"] for r in db.query("SELECT site FROM crawl_failures WHERE kind = ?",
                                             ["definition-drift"])}  # fmt: skip
    assert failures == set(SITES)
