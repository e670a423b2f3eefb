"""`khcn serve` keeps answering while a crawl writes to the same archive (WAL): every request
made during the crawl answers 200, never "database is locked", and sees the archive grow."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request

from archive.db import open_db
from portals.demo.replay import local_crawl_command, replay_server
from portals.demo.synthetic_site import BULK_CRAWL, build
from portals.registry import SITES_PATH
from tests.conftest import ROOT, khcn_serve


def test_serving_during_a_crawl(tmp_path) -> None:
    site = build(tmp_path / "site", 800)
    db = tmp_path / "archive.db"
    open_db(db).close()
    statuses, counts = [], []
    with replay_server([site.snapshot]) as replay, khcn_serve(db) as base:
        env = {**os.environ, **replay.proxy_environment(), SITES_PATH: str(site.definitions)}
        command = local_crawl_command([site.slug], db, *BULK_CRAWL)
        crawl = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)  # fmt: skip
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while crawl.poll() is None:
            for path in ("/archive/articles.json?_size=5",
                         "/archive/search.json?q=dao+tao&_shape=objects"):  # fmt: skip
                try:
                    with no_proxy.open(base + path, timeout=20) as response:
                        statuses.append(response.status)
                        data = json.loads(response.read())
                        if "filtered_table_rows_count" in data:
                            counts.append(data["filtered_table_rows_count"])
                except urllib.error.HTTPError as error:
                    statuses.append(error.code)
        assert crawl.returncode == 0
    assert len(statuses) >= 10 and set(statuses) == {200}
    assert counts[0] < counts[-1]
