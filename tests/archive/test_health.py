"""Unattended runs: a second crawl of the same archive is refused while one runs, and the health
check notices, on the very next run, a portal whose layout changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import sqlite_utils

from archive import health
from archive.db import open_db
from archive.lock import crawl_lock
from portals.demo.replay import local_crawl_command, replay_server
from tests.conftest import FIXTURES, ROOT


def khcn_crawl(db: Path, snapshot: Path, *options: str) -> subprocess.CompletedProcess[str]:
    with replay_server([snapshot]) as replay:
        # the operator's hook is on loopback: reached directly, not through the replay proxy
        env = {**os.environ, **replay.proxy_environment(), "no_proxy": "127.0.0.1"}
        command = local_crawl_command(["hpstic"], db, *options)
        return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=300)  # fmt: skip


def test_an_overlapping_run_is_refused_with_its_own_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with crawl_lock(db):  # a run in progress
        refused = khcn_crawl(db, FIXTURES / "hpstic")
    assert refused.returncode == 75
    assert "not started" in refused.stderr and "being crawled by pid" in refused.stderr
    assert not db.exists() or sqlite_utils.Database(db)["crawl_runs"].count == 0
    assert khcn_crawl(db, FIXTURES / "hpstic").returncode == 0  # the lock went with its holder


def changed_layout(folder: Path) -> Path:
    """hpstic the next day: the theme was changed and the listing's classes renamed."""
    snapshot = folder / "hpstic"
    shutil.copytree(FIXTURES / "hpstic", snapshot)
    for listing in snapshot.glob("listing-*.html"):
        html = listing.read_text(encoding="utf-8")
        listing.write_text(html.replace('class="list-news"', 'class="danh-sach-tin"'), "utf-8")
    return snapshot


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("monitoring")
    db = folder / "archive.db"
    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{hook.server_address[1]}/hook"
    first = khcn_crawl(db, FIXTURES / "hpstic", "--notify", url)
    second = khcn_crawl(db, changed_layout(folder), "--notify", url)
    hook.shutdown()
    return db, first, second


def test_a_healthy_run_raises_nothing(two_runs) -> None:
    db, first, _ = two_runs
    assert first.returncode == 0, first.stdout + first.stderr[-2000:]
    rows = list(sqlite_utils.Database(db).query("SELECT * FROM health ORDER BY id"))
    assert rows[0]["level"] == "ok" and rows[0]["problems"] == ""


def test_a_layout_change_is_flagged_on_the_next_run(two_runs) -> None:
    """The listing selector misses; the generic path still finds page 1's 3 articles (all
    archived already: the incremental run stops there; the yield does not drop), and the run
    says the definition drifted (its yield rule also compares the 3 links with a full read)."""
    db, _, second = two_runs
    assert second.returncode == 1  # an alert: the scheduler sees a failed job
    assert "alert: definition-drift: the site definition no longer matches" in second.stdout
    assert "listing 1 of 1 pages" in second.stdout and "khcn doctor hpstic" in second.stdout
    archive = sqlite_utils.Database(db)
    latest = list(archive.query("SELECT * FROM health ORDER BY id"))[-1]
    assert latest["level"] == "alert" and "definition-drift" in latest["problems"]
    run = list(archive.query("SELECT * FROM crawl_runs ORDER BY id"))[-1]
    assert run["status"] == "degraded" and run["links_found"] == 3
    assert json.loads(run["definition"])["listing"] == {"served": 0, "fallback": 1}


def test_the_operator_hook_is_called_with_the_problems(two_runs) -> None:
    assert len(Hook.received) == 1  # the healthy run called nobody
    report = Hook.received[0]
    assert report["runs"][0]["site"] == "hpstic" and report["runs"][0]["health"] == "alert"
    assert "definition-drift" in report["text"]


def test_a_yield_drop_and_a_drift_are_told_apart(tmp_path: Path) -> None:
    db = open_db(tmp_path / "archive.db")
    db["sites"].insert({"slug": "hpstic", "name": "hpstic"})
    for _ in range(3):
        run_row(db, "hpstic")
    drift = json.dumps({"listing": {"served": 1, "fallback": 2}, "title": {"served": 9}})
    drifted = health.check_run(db, run_row(db, "hpstic", definition=drift))
    assert drifted.level == "alert" and drifted.problems[0].startswith("definition-drift")
    assert "listing 2 of 3 pages" in drifted.problems[0] and "title" not in drifted.problems[0]
    dropped = health.check_run(db, run_row(db, "hpstic", links_found=2))
    assert dropped.level == "alert" and "fell to 2" in dropped.problems[0]
    assert not any("definition-drift" in p for p in dropped.problems)


def run_row(db, site: str, **values) -> dict:
    row = {"site": site, "started": "2025-01-01T00:00:00+00:00", "status": "ok",
           "finish_reason": "finished", "links_found": 20, "errors": "{}",
           "coverage": json.dumps({"articles": 10, "published": 1.0, "author": 0.9}),
           **values}  # fmt: skip
    run_id = db["crawl_runs"].insert(row).last_pk
    return next(db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id]))


def test_a_field_suddenly_missing_and_failures_in_a_row(tmp_path: Path) -> None:
    db = open_db(tmp_path / "archive.db")
    db["sites"].insert({"slug": "hpstic", "name": "hpstic"})
    for _ in range(3):
        run_row(db, "hpstic")
    missing = run_row(db, "hpstic", coverage=json.dumps(
        {"articles": 8, "published": 1.0, "author": 0.1}))  # fmt: skip
    found = health.check_run(db, missing)
    assert found.level == "alert"
    assert found.problems == ["author found in 10% of new articles (usually 90%)"]
    run_row(db, "hpstic", status="failed", finish_reason="shutdown")
    again = run_row(db, "hpstic", status="failed", finish_reason="shutdown")
    assert "2 failed runs in a row" in health.check_run(db, again).problems
