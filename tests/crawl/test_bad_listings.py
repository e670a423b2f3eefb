"""Bad listing input through the real crawler: a local portal with no definition
(`khcn crawl --url`) whose listing page holds 10,000 links, whose page declares a feed of
garbage, and whose robots.txt points at a sitemap index that lists itself, a sitemap index
that points back at it, and a sitemap of junk. The crawl ends on its own, each bad source is a
failure record naming its URL, and what the good parts list is archived."""

from __future__ import annotations

import subprocess
from http.server import BaseHTTPRequestHandler

import pytest

from portals.demo.replay import local_crawl_command
from portals.parsing.discovery import MAX_ANCHORS
from tests.conftest import ROOT, direct_env, local_portal, rows
from tests.crawl.test_faults import ARTICLE, LEAD, SECOND

LINKS = 10_000
RECENT = 3  # the newest items of the listing, published after --since; the rest before it
SINCE = "2024-06-01"
SITEMAP_ONLY = 20_001  # an article only the good sitemap lists
GARBAGE_FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>'
    "<item><title>\x01\x02 ��</title><link>javascript:void(0)</link></item>"
    "<item><title>Tin</title><link></link></item><<<>>> &nbsp; %PDF-1.4"
)
JUNK_SITEMAP = (
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><lo c>\x00\x00</url> <<< lỗi máy chủ"
)


def article_path(number: int) -> str:
    return f"/tin-tuc/bai-so-{number}-hoat-dong-khoa-hoc-va-cong-nghe.html"


def listing_page() -> str:
    items = "\n".join(
        f'<div class="tin"><h3><a href="{article_path(n)}">Bản tin số {n} về hoạt động khoa '
        f'học và công nghệ của tỉnh</a></h3><span class="ngay">'
        f"({'26/06/2024' if n <= RECENT else '26/06/2023'})</span></div>"
        for n in range(1, LINKS + 1)
    )
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin hoạt động</title>'
        '<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml"></head>'
        '<body><ul class="menu"><li><a href="/">Trang chủ</a></li>'
        '<li><a href="/gioi-thieu.html">Giới thiệu</a></li></ul>'
        f'<div class="noi-dung"><h2>Tin hoạt động</h2><div class="ds">{items}</div></div>'
        '<div class="chan">Sở KH&amp;CN · Lượt truy cập: 1.284.117</div></body></html>'
    )


def sitemap_index(origin: str, *children: str) -> str:
    entries = "".join(f"<sitemap><loc>{origin}{child}</loc></sitemap>" for child in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>"
    )


def urlset(origin: str, numbers: list[int]) -> str:
    entries = "".join(f"<url><loc>{origin}{article_path(n)}</loc></url>" for n in numbers)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )


class Portal(BaseHTTPRequestHandler):
    listing = listing_page().encode()

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: str | bytes, ctype: str = "text/html") -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        origin = f"http://{self.headers['Host']}"
        xml = "application/xml"
        pages = {
            "/robots.txt": (f"User-agent: *\nDisallow: /quan-tri/\nSitemap: {origin}/sitemap.xml\n",
                            "text/plain"),
            "/tin-tuc": (self.listing, "text/html"),
            "/rss.xml": (GARBAGE_FEED, "application/rss+xml"),
            "/sitemap.xml": (sitemap_index(origin, "/sitemap.xml", "/sitemap-2.xml",
                                           "/sitemap-tin.xml", "/sitemap-hong.xml"), xml),
            "/sitemap-2.xml": (sitemap_index(origin, "/sitemap.xml"), xml),
            "/sitemap-tin.xml": (urlset(origin, [1, 2, SITEMAP_ONLY]), xml),
            "/sitemap-hong.xml": (JUNK_SITEMAP, xml),
        }  # fmt: skip
        if self.path in pages:
            return self.send(200, *pages[self.path])
        number = self.path.removeprefix("/tin-tuc/bai-so-").split("-", 1)[0]
        if number.isdigit() and self.path == article_path(int(number)):
            title = f"Bản tin số {number} về hoạt động khoa học và công nghệ của tỉnh"
            return self.send(200, ARTICLE.format(title=title, day="26", lead=LEAD, second=SECOND))
        return self.send(404, "<h1>404 Not Found</h1>")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("bad-listings") / "archive.db"
    with local_portal(Portal) as origin:
        command = local_crawl_command([], db, "--url", f"{origin}/tin-tuc", "--since", SINCE)
        done = subprocess.run(
            command, env=direct_env(), cwd=ROOT, capture_output=True, text=True, timeout=180
        )
    return origin, db, done


def test_the_crawl_ends_on_its_own_and_says_it_was_degraded(crawled) -> None:
    _, db, done = crawled
    assert done.returncode in (0, 1), done.stdout + done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert rows(db, "SELECT status, finish_reason FROM crawl_runs") == [("degraded", "finished")]


def test_each_bad_source_is_a_failure_record_naming_its_url(crawled) -> None:
    origin, db, _ = crawled
    recorded = rows(db, "SELECT url, kind, detail FROM crawl_failures ORDER BY url")
    kinds = {(url.removeprefix(origin), kind) for url, kind, _ in recorded}
    assert kinds == {
        ("/tin-tuc", "listing-oversized"),
        ("/rss.xml", "feed-unreadable"),
        ("/sitemap.xml", "sitemap-loop"),
        ("/sitemap-hong.xml", "sitemap-unreadable"),
    }
    details = {url.removeprefix(origin): detail for url, _, detail in recorded}
    assert f"the first {MAX_ANCHORS} read" in details["/tin-tuc"]


def test_what_the_good_parts_list_is_archived_and_nothing_more(crawled) -> None:
    origin, db, _ = crawled
    stored = {url.removeprefix(origin) for (url,) in rows(db, "SELECT url FROM articles")}
    # the listing's newest items (the older ones are before --since) and the article only the
    # good sitemap lists; the looping sitemap indexes were read once each
    assert stored == {article_path(n) for n in [*range(1, RECENT + 1), SITEMAP_ONLY]}
