"""Bad input, nothing lost: a local portal whose article links answer with every fault a
.gov.vn host has been seen to produce. The crawl finishes, stores every good page, repairs a
wrong charset, flags legacy TCVN3 text, and accounts for every fault by URL in its run."""

from __future__ import annotations

import json
import subprocess
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from portals.demo.replay import local_crawl_command
from portals.registry import SITES_PATH
from tests.conftest import ROOT, direct_env, local_portal, rows

ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
</head><body><div class="header">Hôm nay, Thứ Hai 01/07/2024 · Thống kê truy cập: 12.345</div>
<div class="detail"><h1 class="title">{title}</h1><div class="date">Ngày đăng: {day}/06/2024</div>
<div class="content"><p>{lead}</p><p>{second}</p></div></div>
<div class="footer">Copyright © Sở KH&amp;CN · Giấy phép số 12/GP-STTTT</div></body></html>"""
GOOD = {
    "good-1": ("Hội nghị sơ kết công tác khoa học và công nghệ 6 tháng đầu năm", "03"),
    "good-2": ("Nghiệm thu đề tài ứng dụng công nghệ sinh học trong nông nghiệp", "04"),
    "wrong-charset": ("Hải Phòng đẩy mạnh chuyển đổi số trong doanh nghiệp", "05"),
}
LEAD = "Sở Khoa học và Công nghệ tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ năm 2024."
SECOND = "Đề tài đạt nhiều kết quả quan trọng, góp phần phát triển kinh tế - xã hội địa phương."
TCVN3 = ARTICLE.format(
    title="Th«ng tin Khoa häc vµ C«ng nghÖ Hµ TÜnh sè 5 n¨m 2024", day="06",
    lead="Së Khoa häc vµ C«ng nghÖ tØnh Hµ TÜnh tæ chøc héi nghÞ tæng kÕt c«ng t¸c n¨m.",
    second="C¸c ®Ò tµi ®· ®­îc nghiÖm thu vµ ®­a vµo øng dông trong s¶n xuÊt.",
)  # fmt: skip
# fault -> the kind the crawl run must record for its URL
FAULTS = {
    "missing": "http-404",
    "removed": "http-410",
    "server-error": "http-500",
    "slow": "timeout",
    "truncated": "truncated",
    "huge": "too-large",
    "loop": "redirect-loop",
    "pdf": "not-html",
    "empty": "empty",
    "no-article": "tripwire-no-title",
}


class Portal(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             length: int | None = None, location: str | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        name = self.path.rsplit("/", 1)[-1]
        if self.path == "/tin-tuc":
            names = [*GOOD, "legacy", *FAULTS]
            items = "".join(f'<div class="item"><h3><a href="/bai/{n}">{n}</a></h3></div>'
                            for n in names)  # fmt: skip
            page = f'<html><body><div class="list">{items}</div></body></html>'
            return self.send(200, page.encode())
        if name in GOOD:
            title, day = GOOD[name]
            page = ARTICLE.format(title=title, day=day, lead=LEAD, second=SECOND).encode()
            if name == "wrong-charset":  # UTF-8 bytes, declared Latin-1 by the server
                return self.send(200, page, "text/html; charset=iso-8859-1")
            return self.send(200, page)
        if name == "legacy":
            return self.send(200, TCVN3.encode())
        if name in ("missing", "removed", "server-error"):
            return self.send({"missing": 404, "removed": 410}.get(name, 500), b"<h1>Error</h1>")
        if name == "slow":
            time.sleep(4)
            return self.send(200, b"<html>late</html>")
        if name == "truncated":
            body = ARTICLE.format(title="Bài bị cắt", day="07", lead=LEAD, second=SECOND).encode()
            self.send(200, body[:300], length=len(body))
            self.connection.shutdown(2)
            return None
        if name == "huge":
            return self.send(200, b"<html>" + b"x" * 3_000_000 + b"</html>")
        if name == "loop":
            return self.send(302, b"", location="/bai/loop")
        if name == "pdf":
            return self.send(200, b"%PDF-1.4 fake", "application/pdf")
        if name == "empty":
            return self.send(200, b"")
        if name == "no-article":
            return self.send(
                200, "<html><body><div>Trang đang bảo trì</div></body></html>".encode()
            )
        return self.send(404, b"")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("faults")
    with local_portal(Portal) as origin:
        return crawl_faulty(folder, origin)


def crawl_faulty(folder: Path, origin: str) -> tuple[str, Path, subprocess.CompletedProcess]:
    (folder / "sites").mkdir()
    (folder / "sites" / "faulty.toml").write_text(
        f'''slug = "faulty"
name = "Cổng thử lỗi"
department = "Sở KH&CN"
province = "Hải Phòng"
province_current = "Hải Phòng"
homepage = "{origin}/"
hosts = ["127.0.0.1"]
platform = "custom"
status = "live"
listing_urls = ["{origin}/tin-tuc"]
article_url_pattern = '^{origin.replace(".", chr(92) + ".")}/bai/(?P<id>[a-z0-9-]+)$'
[pagination]
kind = "none"
[selectors]
listing_links = ".list .item h3 a"
title = ".detail h1.title"
date = ".detail .date"
body = ".detail .content"
''',
        encoding="utf-8",
    )
    db = folder / "archive.db"
    env = {**direct_env(), SITES_PATH: str(folder / "sites")}
    limits = ["-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_MAXSIZE=1000000"]
    command = local_crawl_command(["faulty"], db, *limits)
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return origin, db, done


def test_the_crawl_finishes_degraded_not_crashed(crawled) -> None:
    _, db, done = crawled
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "warning: 1 of 5 article pages had no title or body" in done.stdout
    assert rows(db, "SELECT status, finish_reason FROM crawl_runs") == [("degraded", "finished")]


def test_every_good_page_is_stored_and_the_wrong_charset_repaired(crawled) -> None:
    origin, db, _ = crawled
    stored = dict(rows(db, "SELECT url, title FROM articles"))
    for name, (title, _) in GOOD.items():
        assert stored[f"{origin}/bai/{name}"] == title
    warnings = dict(rows(db, "SELECT url, warnings FROM articles"))
    assert "mojibake repaired" in warnings[f"{origin}/bai/wrong-charset"]


def test_legacy_tcvn3_text_is_stored_as_served_and_flagged(crawled) -> None:
    origin, db, _ = crawled
    url = f"{origin}/bai/legacy"
    ((title, warnings),) = rows(db, f"SELECT title, warnings FROM articles WHERE url = '{url}'")
    assert title.startswith("Th«ng tin Khoa häc") and "TCVN3" in json.loads(warnings)[0]
    assert rows(db, "SELECT kind FROM crawl_failures WHERE url LIKE '%/legacy'") == [
        ("legacy-encoding",)
    ]


def test_every_fault_is_accounted_for_by_url(crawled) -> None:
    origin, db, _ = crawled
    sql = "SELECT url, kind FROM crawl_failures WHERE kind != 'legacy-encoding'"
    recorded = dict(rows(db, sql))
    assert recorded == {f"{origin}/bai/{name}": kind for name, kind in FAULTS.items()}
    ((errors, failed),) = rows(db, "SELECT errors, articles_failed FROM crawl_runs")
    assert json.loads(errors) == {
        **{kind: 1 for kind in FAULTS.values()},
        "legacy-encoding": 1,
    }
    assert failed == len(FAULTS)
    assert rows(db, "SELECT count(*) FROM articles") == [(len(GOOD) + 1,)]
