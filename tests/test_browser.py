"""Checked as a person would: the real `khcn serve` of the demo archive, driven in headless
Chromium (Debian's, through Playwright). A journalist searches from the home page without
diacritics, opens the article (images and captions in place), its archived copy, and comes
back; a researcher picks two provinces and a year and downloads the CSV, counted against SQL;
bad input gets a message; a 390 px phone reads search and article without sideways scrolling;
an article carrying <script>, onerror= and javascript: payloads renders with none of them
running. Screenshots of every page go to docs/screenshots/ (`make screenshots`)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from archive import store
from archive.db import open_db
from tests.conftest import ROOT, khcn_serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "docs" / "screenshots"
SEED_TITLE = "Sở Khoa học và Công nghệ sơ kết công tác 6 tháng đầu năm"
PAYLOAD = (
    "<p>Nội dung bài viết bị chèn mã độc.</p><script>window.__attack = 'script'</script>"
    '<img src="/images/none.png" onerror="window.__attack = \'onerror\'">'
    '<a id="bad-link" href="javascript:window.__attack = \'link\'">Xem thêm</a>'
)


@pytest.fixture(scope="module")
def archive(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive plus a row whose stored HTML was written by something that did not
    sanitise it (not our crawler)."""
    folder = tmp_path_factory.mktemp("browser")
    db_path = folder / "demo.db"
    shutil.copy(demo_archive, db_path)
    for suffix in ("images", "warc"):
        shutil.copytree(demo_archive.with_name(f"demo-{suffix}"), folder / f"demo-{suffix}")
    db = open_db(db_path)
    store.save_articles(db, [{
        "url": "http://hpstic.vn/news/Bai-co-ma-doc-99999.html", "site": "hpstic",
        "title": "Bài viết có mã độc để kiểm tra", "body_text": "Nội dung bài viết bị chèn mã độc.",
        "body_html": PAYLOAD, "published": "2024-07-01T00:00:00+07:00",
        "fetched_at": "2024-07-01T00:00:00+00:00", "images": [],
    }])  # fmt: skip
    db.close()
    return db_path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium as root")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base(archive: Path) -> Iterator[str]:
    with khcn_serve(archive) as url:
        yield url


def _page(browser: Browser, width: int, height: int) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, 1280, 900)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, 390, 844)


def screenshot(page: Page, name: str, at: str | None = None) -> None:
    """Taken every run (scrolled to ``at``); kept in docs/screenshots/ when KHCN_SCREENSHOTS
    is set (`make screenshots`), so that `make test` leaves the work tree alone."""
    if at:
        page.locator(at).first.evaluate("element => element.scrollIntoView()")
    image = page.screenshot(full_page=False)
    assert image.startswith(b"\x89PNG")
    if os.environ.get("KHCN_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"{name}.png").write_bytes(image)


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")


def test_a_journalist_searches_reads_the_article_and_its_archived_copy(
    page: Page, base: str
) -> None:
    page.goto(f"{base}/")
    screenshot(page, "home")
    page.fill("form.khcn-searchbox input[name=q]", "hai phong khcn so ket")
    with page.expect_navigation():
        page.press("form.khcn-searchbox input[name=q]", "Enter")
    assert "/search?q=hai+phong+khcn+so+ket" in page.url
    first = page.locator(".khcn-results li").first
    assert first.locator("h2").inner_text().startswith(SEED_TITLE)
    assert first.locator(".khcn-snippet mark").count() >= 2  # the matched words, marked
    assert "21/06/2024" in first.locator(".khcn-meta").inner_text()
    screenshot(page, "search")

    with page.expect_navigation():
        first.locator("h2 a").click()
    assert page.locator("h1").inner_text().startswith(SEED_TITLE)
    body = page.locator(".khcn-body")
    captions = body.locator("figure figcaption").all_inner_texts()
    assert captions[0] == "Quang cảnh Hội nghị." and len(captions) == 4
    assert body.inner_text().count("Quang cảnh Hội nghị.") == 1  # under its image, once
    loaded = page.eval_on_selector_all(
        ".khcn-body figure img", "images => images.map(i => i.complete && i.naturalWidth > 0)"
    )
    assert loaded == [True] * 4
    assert "Chiều 20/6" in body.inner_text()
    facts = page.locator(".khcn-facts").first.inner_text()
    assert "Thứ Sáu, 21/06/2024" in facts and "Trần Hùng" in facts and "Hải Phòng" in facts
    assert "http://hpstic.vn/" in page.locator(".khcn-cite").input_value()
    screenshot(page, "article")
    article_url = page.url

    with page.expect_navigation():
        page.get_by_role(
            "link", name="Xem trang như đã thu thập · See the page as captured"
        ).click()
    banner = page.locator("#khcn-archive-banner")
    assert "Bản lưu trữ · Archived copy" in banner.inner_text()
    assert SEED_TITLE in page.content()
    assert page.locator("script").count() == 0
    screenshot(page, "archived-copy")
    with page.expect_navigation():
        banner.get_by_role("link", name="Về bài viết · Back to the article").click()
    assert page.url == article_url


def test_a_researcher_picks_provinces_and_a_year_and_downloads_the_csv(
    page: Page, base: str, archive: Path
) -> None:
    page.goto(f"{base}/search?sort=newest")
    provinces = page.locator(".khcn-facets section", has_text="Tỉnh khi đăng")
    for name in ("Hải Phòng", "Cần Thơ"):
        with page.expect_navigation():
            provinces.locator("a", has_text=name).first.click()
    with page.expect_navigation():
        page.locator(".khcn-facets section", has_text="Năm").locator("a", has_text="2024").click()
    chips = page.locator(".khcn-chosen").inner_text()
    assert "Hải Phòng" in chips and "Cần Thơ" in chips and "2024" in chips
    screenshot(page, "search-filters")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    with sqlite3.connect(archive) as conn:
        expected = conn.execute(
            "SELECT count(*) FROM articles WHERE province IN ('Hải Phòng', 'Cần Thơ') "
            "AND year = 2024"
        ).fetchone()[0]
    assert len(rows) == expected > 0
    assert {row["province"] for row in rows} <= {"Hải Phòng", "Cần Thơ"}
    assert all(row["published"].startswith("2024") for row in rows)
    shown = page.locator(".khcn-count strong").inner_text()
    assert int(shown.replace(".", "")) == expected


def test_bad_input_gets_a_message_not_an_error_page(page: Page, base: str) -> None:
    page.goto(f"{base}/search?province=Atlantis&q=khoa+hoc")
    assert "Không có tỉnh khi đăng “Atlantis”" in page.locator(".khcn-problem").inner_text()
    assert page.locator("form.khcn-searchbox input[name=q]").input_value() == "khoa hoc"
    screenshot(page, "bad-input")
    page.goto(f"{base}/search?q=%22")
    assert page.locator(".khcn-count").count() == 1


def test_a_phone_reads_search_results_and_an_article(phone: Page, base: str) -> None:
    phone.goto(f"{base}/search?q=chuyen+doi+so+hai+phong")
    first = phone.locator(".khcn-results li").first
    assert first.bounding_box()["y"] < 844  # the first result on the first screen
    assert no_sideways_scroll(phone)
    screenshot(phone, "phone-search")
    with phone.expect_navigation():
        first.locator("h2 a").click()
    assert no_sideways_scroll(phone)
    assert phone.locator(".khcn-body figure img").first.bounding_box()["width"] <= 390
    screenshot(phone, "phone-article")
    phone.goto(f"{base}/")
    assert phone.locator("form.khcn-searchbox").bounding_box()["y"] < 300
    screenshot(phone, "phone-home")


def test_the_operator_sees_crawl_status_and_a_site_history(page: Page, base: str) -> None:
    page.goto(f"{base}/status")
    rows = page.locator(".khcn-table tbody tr")
    assert rows.count() >= 18
    assert page.locator(".khcn-table .khcn-status.khcn-ok").count() >= 18
    screenshot(page, "status")
    with page.expect_navigation():
        rows.locator("a", has_text="Trung tâm Thông tin Khoa học và Công nghệ Hải Phòng").click()
    assert page.locator("svg.chart").count() >= 2  # articles per month, crawl history
    screenshot(page, "site")


def test_the_articles_table_is_short_and_links_to_articles(page: Page, base: str) -> None:
    page.goto(f"{base}/demo/articles")
    assert page.locator("th[data-column=body_text], th[data-column=body_html]").count() == 0
    assert page.evaluate("document.body.scrollHeight") < 12_000
    with page.expect_navigation():
        page.locator("td.col-title a").first.click()
    assert "/article/" in page.url and page.locator(".khcn-body").count() == 1
    page.goto(f"{base}/demo/articles")
    # facet values wrap between words, never inside one ("Khoa h" / "ọc")
    breaks = page.eval_on_selector_all(
        "ul.tight-bullets li", "items => items.map(i => getComputedStyle(i).wordBreak)"
    )
    assert breaks and set(breaks) == {"normal"}
    screenshot(page, "table")


def test_no_script_from_a_stored_page_runs(page: Page, base: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/demo/articles?title__contains=m%C3%A3+%C4%91%E1%BB%99c")
    row_id = page.locator("td.col-id").first.inner_text().strip()
    for path in (f"/demo/articles/{row_id}", f"/article/{row_id}"):
        page.goto(f"{base}{path}")
        assert "chèn mã độc" in page.content()
        if page.locator("#bad-link").count():
            page.locator("#bad-link").click()
        assert page.evaluate("window.__attack") is None
    assert dialogs == []
    html = page.locator(".khcn-body").inner_html()
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
