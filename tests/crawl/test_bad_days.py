"""A portal's bad days, crawled through the real engine from a loopback portal: a first crawl
that also meets a gzip bomb, a binary file served as a page and a "not found" template served
with HTTP 200; then refreshes while every article URL answers a maintenance notice, and then
the portal's home page; then the site down. Every archived article keeps its text, every page
is recorded by URL with what happened to it, and the runs say degraded or failed."""

from __future__ import annotations

import gzip
import json
import subprocess
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from portals.demo.replay import local_crawl_command
from portals.registry import SITES_PATH
from tests.conftest import ROOT, direct_env, local_portal, rows

SITE_NAME = "Cổng thông tin Sở Khoa học và Công nghệ thử nghiệm"
ARTICLES = {
    "hoi-nghi": "Hội nghị sơ kết công tác khoa học và công nghệ sáu tháng đầu năm 2024",
    "nghiem-thu": "Nghiệm thu đề tài ứng dụng công nghệ sinh học trong nông nghiệp",
    "chuyen-doi-so": "Hải Phòng đẩy mạnh chuyển đổi số trong doanh nghiệp nhỏ và vừa",
}
PARAGRAPHS = [
    "Sở Khoa học và Công nghệ tổ chức hội nghị đánh giá kết quả thực hiện các nhiệm vụ khoa học "
    "và công nghệ, với sự tham dự của lãnh đạo các phòng, đơn vị trực thuộc và các viện trường.",
    "Theo báo cáo, trong sáu tháng đầu năm đã có mười hai nhiệm vụ được nghiệm thu, nhiều kết "
    "quả được chuyển giao vào sản xuất, góp phần nâng cao năng suất và chất lượng sản phẩm.",
    "Phát biểu kết luận, Giám đốc Sở đề nghị các đơn vị tập trung hoàn thành các nhiệm vụ trọng "
    "tâm trong sáu tháng cuối năm, đặc biệt là chuyển đổi số trong quản lý khoa học.",
]  # fmt: skip
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="header">{site} · Hôm nay, Thứ Hai 01/07/2024</div>
<div class="detail"><h1 class="title">{title}</h1><div class="date">Ngày đăng: 03/06/2024</div>
<div class="content">{body}</div></div><div class="footer">© Sở KH&amp;CN</div></body></html>"""
MAINTENANCE = PAGE.format(
    title="Thông báo bảo trì hệ thống", site=SITE_NAME,
    body="<p>Hệ thống đang bảo trì — Website đang được nâng cấp để phục vụ bạn đọc tốt hơn. "
    "Trong thời gian này, quý độc giả vui lòng quay lại sau hoặc liên hệ Văn phòng Sở qua "
    "số điện thoại 0225 3842 123 để được hỗ trợ.</p>",
)  # fmt: skip
NOT_FOUND = PAGE.format(
    title="Không tìm thấy trang", site=SITE_NAME,
    body="<p>Xin lỗi, trang không tồn tại hoặc đã bị xóa. Vui lòng quay lại trang chủ.</p>",
)  # fmt: skip
HOME = PAGE.format(
    title=SITE_NAME, site=SITE_NAME,
    body="<p>Tin mới nhất của Sở: các thông báo, văn bản và hoạt động khoa học công nghệ.</p>",
)  # fmt: skip


def article_page(slug: str) -> bytes:
    body = "".join(f"<p>{p} ({slug})</p>" for p in PARAGRAPHS)
    return PAGE.format(title=ARTICLES[slug], site=SITE_NAME, body=body).encode()


class Portal(BaseHTTPRequestHandler):
    mode = "good"  # good, maintenance, home

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             encoding: str | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        name = self.path.rsplit("/", 1)[-1]
        if self.path == "/tin-tuc":
            links = [*ARTICLES, "bom", "nhi-phan", "khong-ton-tai"]
            items = "".join(f'<div class="item"><h3><a href="/bai/{n}">Tin {n}</a></h3></div>'
                            for n in links)  # fmt: skip
            return self.send(
                200, f'<html><body><div class="list">{items}</div></body></html>'.encode()
            )
        if name == "bom":  # 40 KB on the wire, 40 MB once inflated
            return self.send(200, gzip.compress(b"<html>" + b" " * 40_000_000), encoding="gzip")
        if name == "nhi-phan":  # a binary file the server calls a page
            return self.send(200, bytes(range(256)) * 400)
        if name == "khong-ton-tai":
            return self.send(200, NOT_FOUND.encode())
        if name in ARTICLES:
            if Portal.mode == "maintenance":
                return self.send(200, MAINTENANCE.encode())
            if Portal.mode == "home":
                return self.send(200, HOME.encode())
            return self.send(200, article_page(name))
        return self.send(404, b"")


def write_site(folder: Path, origin: str) -> None:
    (folder / "sites").mkdir(exist_ok=True)
    (folder / "sites" / "badday.toml").write_text(
        f'''slug = "badday"
name = "{SITE_NAME}"
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


def crawl(folder: Path, *options: str) -> subprocess.CompletedProcess:
    env = {**direct_env(), SITES_PATH: str(folder / "sites")}
    limits = ["-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_MAXSIZE=2000000"]
    command = [*local_crawl_command(["badday"], folder / "archive.db", *limits), *options]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list]:
    folder = tmp_path_factory.mktemp("bad-days")
    with local_portal(Portal) as origin:
        write_site(folder, origin)
        done = [crawl(folder)]
        Portal.mode = "maintenance"
        done.append(crawl(folder, "--refresh"))
        Portal.mode = "home"
        done.append(crawl(folder, "--refresh"))
    done.append(crawl(folder, "--refresh"))  # the portal is gone: nothing answers
    Portal.mode = "good"
    return origin, folder / "archive.db", done


def failures(db: Path, run: int) -> dict[str, str]:
    return dict(rows(db, f"SELECT url, kind FROM crawl_failures WHERE run_id = {run}"))


def test_the_first_crawl_stores_the_articles_and_no_template(runs) -> None:
    origin, db, done = runs
    assert done[0].returncode in (0, 1), done[0].stderr[-3000:]
    stored = dict(rows(db, "SELECT url, title FROM articles"))
    assert stored == {f"{origin}/bai/{slug}": title for slug, title in ARTICLES.items()}
    assert failures(db, 1) == {
        f"{origin}/bai/bom": "too-large",  # Scrapy's limit on the inflated size
        f"{origin}/bai/nhi-phan": "tripwire-no-title",
        f"{origin}/bai/khong-ton-tai": "soft-404",
    }


def test_a_maintenance_refresh_changes_no_article(runs) -> None:
    origin, db, _ = runs
    texts = dict(rows(db, "SELECT url, body_text FROM articles"))
    assert all(text.startswith(PARAGRAPHS[0]) for text in texts.values())
    assert rows(db, "SELECT count(*) FROM article_versions") == [(0,)]
    assert {u: k for u, k in failures(db, 2).items() if "/bai/" in u and k == "maintenance"} == {
        f"{origin}/bai/{slug}": "maintenance" for slug in ARTICLES
    }
    assert rows(db, "SELECT status FROM crawl_runs WHERE id = 2") == [("degraded",)]


def test_the_home_page_at_every_old_url_changes_no_article(runs) -> None:
    origin, db, _ = runs
    held = {u: k for u, k in failures(db, 3).items() if u.split("/bai/")[-1] in ARTICLES}
    assert held == {f"{origin}/bai/{slug}": "soft-404" for slug in ARTICLES}
    assert rows(
        db, "SELECT count(*) FROM articles WHERE title = ?".replace("?", f"'{SITE_NAME}'")
    ) == [(0,)]


def test_held_captures_wait_for_the_operator_and_the_raw_pages_are_in_warc(runs) -> None:
    _, db, _ = runs
    kinds = rows(db, "SELECT kind, count(*) FROM held_captures GROUP BY kind ORDER BY kind")
    assert dict(kinds) == {"maintenance": 3, "soft-404": 4}
    assert all(r[0] for r in rows(db, "SELECT warc_file FROM held_captures"))


def test_a_site_down_fails_its_run_and_the_health_check_says_so(runs) -> None:
    _, db, done = runs
    ((status, errors),) = rows(db, "SELECT status, errors FROM crawl_runs WHERE id = 4")
    assert status == "failed" and json.loads(errors)
    assert done[3].returncode == 1  # an alert: the operator is told
    assert rows(db, "SELECT level FROM health WHERE run_id = 4") == [("alert",)]


def test_held_pages_raise_an_alert_that_names_the_command(runs) -> None:
    _, db, done = runs
    for run in (2, 3):  # the maintenance refresh, the home page at every old URL
        ((level, problems),) = rows(db, f"SELECT level, problems FROM health WHERE run_id = {run}")
        assert level == "alert" and "khcn held --site" in problems
        assert done[run - 1].returncode == 1  # the operator is told
