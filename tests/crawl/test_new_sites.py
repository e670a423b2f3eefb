"""Portals nobody defined, one per CMS family (tests/fixtures/_new_sites/, written without
looking at the code): `khcn new-site` drafts a definition from the listing page through the
real crawler, and the definition then crawls the listed articles; `khcn crawl --url` archives
them with no definition at all. Everything is replayed on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import sqlite_utils

from portals.demo.replay import local_crawl_command, replay_server
from portals.parsing.urls import canonical_url
from portals.registry import parse_site
from tests.conftest import FIXTURES, ROOT
from tests.listing_walk import check_tripwire, check_walk, read_listings, spider_for

NEW_SITES = sorted(p.parent for p in (FIXTURES / "_new_sites").glob("*/listing.toml"))
SHARE = 0.95


def expected(folder: Path) -> dict:
    return tomllib.loads((folder / "listing.toml").read_text(encoding="utf-8"))


def archived_share(db: Path, wanted: list[str]) -> tuple[float, list[str]]:
    archive = sqlite_utils.Database(db)
    urls = {canonical_url(r["url"]) for r in archive.query("SELECT url FROM article_urls")}
    missing = [url for url in wanted if canonical_url(url) not in urls]
    return 1 - len(missing) / len(wanted), missing


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("folder", NEW_SITES, ids=lambda p: p.name)
def test_new_site_drafts_a_definition_that_crawls_the_listing(folder: Path, tmp_path: Path):
    wanted = expected(folder)
    with replay_server([folder]) as replay:
        env = {**os.environ, **replay.proxy_environment()}
        drafted = run(
            [sys.executable, "-m", "portals", "new-site", wanted["listing_url"], "--out",
             str(tmp_path)],
            env,
        )  # fmt: skip
        assert drafted.returncode == 0, drafted.stdout + drafted.stderr[-3000:]
        definition = next((tmp_path / "sites").glob("*.toml"))
        site = tomllib.loads(definition.read_text(encoding="utf-8"))
        assert site["platform"] == wanted["family"]
        # the listing.toml it wrote is one tests/sites/test_listings.py can check, and true
        drafted_listings = read_listings(tmp_path / "fixtures" / site["slug"])
        assert drafted_listings.pages[0]["articles"], "listing.toml lists no article"
        check_walk(spider_for(parse_site(site)), drafted_listings)
        for tripwire in drafted_listings.tripwires:
            check_tripwire(parse_site(site), drafted_listings, tripwire)
        env["KHCN_SITES_PATH"] = str(tmp_path / "sites")
        crawled = run(local_crawl_command([site["slug"]], tmp_path / "archive.db"), env)
    assert "Traceback" not in crawled.stderr, crawled.stderr[-3000:]
    share, missing = archived_share(tmp_path / "archive.db", wanted["articles"])
    assert share >= SHARE, f"not archived: {missing}\n{crawled.stdout}"


@pytest.mark.parametrize("folder", NEW_SITES, ids=lambda p: p.name)
def test_crawl_url_archives_a_portal_with_no_definition(folder: Path, tmp_path: Path) -> None:
    wanted = expected(folder)
    db = tmp_path / "archive.db"
    with replay_server([folder]) as replay:
        env = {**os.environ, **replay.proxy_environment()}
        crawled = run(local_crawl_command([], db, "--url", wanted["listing_url"]), env)
        requested = set(replay.requested)
    assert "Traceback" not in crawled.stderr, crawled.stderr[-3000:]
    sources = wanted.get("sources", [])  # the portal's feed or sitemaps, found and read
    assert set(sources) <= requested, f"not read: {set(sources) - requested}"
    run_row = next(sqlite_utils.Database(db).query("SELECT * FROM crawl_runs"))
    assert run_row["listing_pages"] >= 1 + len(sources), run_row
    assert "definition-drift" not in run_row["errors"], run_row["errors"]  # none to drift
    share, missing = archived_share(db, wanted["articles"])
    assert share >= SHARE, f"not archived: {missing}\n{crawled.stdout}"
    sidebar = set(wanted.get("sidebar_only", []))
    fetched = {canonical_url(r["url"]) for r in sqlite_utils.Database(db).query(
        "SELECT url FROM crawl_failures")}  # fmt: skip
    assert not {canonical_url(u) for u in sidebar} & fetched, "sidebar-only articles fetched"
