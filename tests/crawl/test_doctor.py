"""`khcn doctor` repairs a definition a redesign broke: every registered fixture set is copied
with its class and id tokens renamed (tests/redesign.py), doctor reads each copy offline and
writes a proposed definition, and the proposals, kept on KHCN_SITES_PATH as an operator would
keep them, crawl the renamed copies through the real engine with the definition serving every
page again: no fallback to the generic path, no drift, every article archived."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from portals.cli import cli
from portals.demo.replay import local_crawl_command, replay_server
from portals.parsing.urls import canonical_url
from portals.registry import SITES_PATH, all_sites
from tests.conftest import FIXTURES, ROOT, gold_articles, saved_page
from tests.redesign import redesign_folder

SITES = sorted(all_sites())


@pytest.fixture(scope="module")
def repaired(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("renamed")
    proposals = folder / "sites"
    proposals.mkdir()
    snapshots, reports = [], {}
    for slug in SITES:
        snapshot = redesign_folder(FIXTURES / slug, folder / slug, "renamed")
        snapshots.append(snapshot)
        target = proposals / f"{slug}.toml"
        answer = CliRunner().invoke(
            cli, ["doctor", slug, "--offline", str(snapshot), "--out", str(target)]
        )
        assert answer.exit_code == 0, (slug, answer.output, answer.exception)
        reports[slug] = answer.output
    db = folder / "archive.db"
    with replay_server(snapshots) as replay:
        env = {**os.environ, **replay.proxy_environment(), SITES_PATH: str(proposals)}
        finished = subprocess.run(
            local_crawl_command(SITES, db), env=env, cwd=ROOT, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
    return proposals, reports, sqlite_utils.Database(db), finished


def test_doctor_reports_what_the_definition_and_the_generic_path_found(repaired) -> None:
    _, reports, *_ = repaired
    for slug, report in reports.items():
        lines = {line.split()[0]: line for line in report.splitlines() if line.strip()}
        first = all_sites()[slug].listing_urls[0]
        if _is_feed(slug, first):  # a feed has no selector to rename
            assert "(feed)" in lines["listing"], (slug, report)
            continue
        assert lines["listing"].split()[1] == "0", (slug, report)
        assert int(lines["listing"].split()[3]) >= all_sites()[slug].min_links_per_listing
        for name in ("pager", "title", "date", "body", "author"):
            assert name in lines, (slug, report)


def test_the_proposals_are_definitions_of_the_same_sites(repaired) -> None:
    proposals, *_ = repaired
    for slug in SITES:
        proposed = tomllib.loads((proposals / f"{slug}.toml").read_text(encoding="utf-8"))
        bundled = all_sites()[slug]
        assert proposed["slug"] == slug and proposed["platform"] == bundled.platform
        assert tuple(proposed["listing_urls"]) == bundled.listing_urls
        assert proposed["article_url_pattern"] == bundled.article_url_pattern, slug
        if bundled.selectors.listing_links:  # the renamed page's own names, not the old ones
            assert proposed["selectors"]["listing_links"] != bundled.selectors.listing_links


def test_the_repaired_definitions_serve_every_page(repaired) -> None:
    _, _, db, finished = repaired
    latest = {row["site"]: row for row in db.query("SELECT * FROM crawl_runs ORDER BY id")}
    assert sorted(latest) == SITES
    for slug, run in latest.items():
        counts = json.loads(run["definition"])
        fell_back = {field: c["fallback"] for field, c in counts.items() if c["fallback"]}
        assert not fell_back, (slug, counts)
        if not _is_feed(slug, all_sites()[slug].listing_urls[0]):
            assert counts["listing"]["served"] >= 1, (slug, counts)
        assert run["status"] == "ok" and json.loads(run["errors"]) == {}, (slug, run["errors"])
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]


def test_every_article_is_archived_again(repaired) -> None:
    *_, db, _ = repaired
    archived = {canonical_url(r["url"]) for r in db.query("SELECT url FROM article_urls")}
    missing = []
    for gold in gold_articles():
        url = canonical_url(saved_page(gold.site, gold.file).url, all_sites()[gold.site].homepage)
        if canonical_url(url) not in archived:
            missing.append(gold.id)
    assert not missing


def test_an_operator_definition_replaces_the_bundled_one(tmp_path: Path) -> None:
    bundled = (ROOT / "portals" / "sites" / "hpstic.toml").read_text(encoding="utf-8")
    mine = tmp_path / "hpstic.toml"
    mine.write_text(bundled.replace('name = "', 'name = "Repaired: ', 1), encoding="utf-8")
    probe = "from portals.registry import get_site; print(get_site('hpstic').name)"
    env = {**os.environ, SITES_PATH: str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert shown.stdout.startswith("Repaired: "), shown.stderr


def _is_feed(slug: str, url: str) -> bool:
    pages = tomllib.loads((FIXTURES / slug / "manifest.toml").read_text(encoding="utf-8"))
    return pages["pages"].get(url, "").endswith(".xml")
