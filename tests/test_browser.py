"""Checked as a person would: the real `khcn serve` of the demo archive, driven in headless
Chromium (Debian's, through Playwright): search without diacritics, open an article and see
its images and captions, apply a facet, download the CSV; an article carrying <script>,
onerror= and javascript: payloads renders with none of them running. Screenshots of the main
pages go to docs/screenshots/."""

from __future__ import annotations

import csv
import io
import os
import shutil
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
    shutil.copytree(demo_archive.with_name("demo-images"), folder / "demo-images")
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
def site(archive: Path) -> Iterator[str]:
    with khcn_serve(archive) as base:
        yield f"{base}/demo"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(15_000)
    yield page
    context.close()


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


def test_search_without_diacritics_from_the_table_search_box(page: Page, site: str) -> None:
    page.goto(f"{site}/articles", wait_until="domcontentloaded")
    page.fill("input[name=_search]", "chuyen doi so")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.press("input[name=_search]", "Enter")
    assert "_search=chuyen" in page.url
    titles = page.locator("td.col-title").all_inner_texts()
    assert titles and any("chuyển đổi số" in title for title in titles)
    screenshot(page, "search-table", at="form.filters")


def test_ranked_search_shows_the_best_match_first(page: Page, site: str) -> None:
    page.goto(f"{site}/search?q=hai+phong+khcn+so+ket")
    first = page.locator("table.rows-and-columns tbody tr").first
    assert SEED_TITLE in first.inner_text()
    assert "«" in first.locator("td.col-snippet").inner_text()
    screenshot(page, "search-ranked")


def test_an_article_with_its_images_and_captions(page: Page, site: str) -> None:
    page.goto(f"{site}/search?q=hai+phong+khcn+so+ket")
    article_id = page.locator("table.rows-and-columns tbody tr").first.locator("td.col-id")
    page.goto(f"{site}/article?id={article_id.inner_text().strip()}")
    article = page.locator("td.col-article_html")
    assert SEED_TITLE in article.locator("h2").inner_text()
    captions = article.locator("figcaption").all_inner_texts()
    assert captions[0] == "Quang cảnh Hội nghị." and len(captions) == 4
    loaded = page.eval_on_selector_all(
        "td.col-article_html figure img",
        "images => images.map(i => i.complete && i.naturalWidth > 0)",
    )
    assert loaded == [True] * 4
    assert "Chiều 20/6" in article.inner_text() and "Trần Hùng" in article.inner_text()
    assert page.locator("td.col-original_url").inner_text().startswith("http://hpstic.vn/")
    screenshot(page, "article")


def test_a_facet_narrows_the_table(page: Page, site: str) -> None:
    page.goto(f"{site}/articles", wait_until="domcontentloaded")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("#facet-site a[href*='site=hpstic']").click()
    assert "site=hpstic" in page.url
    sites = page.locator("td.col-site").all_inner_texts()  # "<site name> hpstic"
    assert sites and all(text.endswith("hpstic") for text in sites)
    screenshot(page, "facets", at=".facet-results")


def test_the_csv_download_holds_the_selection(page: Page, site: str) -> None:
    page.goto(f"{site}/articles?site=hpstic")
    export = page.locator("#export form")
    export.locator("input[name=_dl]").check()
    if export.locator("input[name=_stream]").count():  # offered when there is a next page
        export.locator("input[name=_stream]").check()
    with page.expect_download() as download:
        export.locator("input[type=submit]").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["site"] for row in rows} == {"hpstic"} and len(rows) >= 5
    assert "search_folded" not in rows[0]


def test_no_script_from_a_stored_page_runs(page: Page, site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site}/articles?title__contains=m%C3%A3+%C4%91%E1%BB%99c")
    row_id = page.locator("td.col-id").first.inner_text().strip()
    for path in (f"/articles/{row_id}", f"/article?id={row_id}"):
        page.goto(f"{site}{path}")
        assert "chèn mã độc" in page.content()
        if page.locator("#bad-link").count():
            page.locator("#bad-link").click()
        assert page.evaluate("window.__attack") is None
    assert dialogs == []
    html = page.locator("td.col-article_html").inner_html()
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
