"""The reading room, in-process on the demo archive (the real crawl of the bundled snapshots):
search without diacritics and with typed filters, facet counts and CSV against SQL, paging, the
Atom feed, the article page with its images in place and earlier versions, the archived copy
served from its WARC record, and friendly answers to bad input."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import shutil
import sqlite3
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html

from archive import store
from archive.db import open_db, warc_folder
from archive.export import COLUMNS
from archive.publish import make_datasette
from archive.warc import read_response

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def archive(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive, plus 45 articles of one made-up site matching "ươm tạo" (paging) and
    one article re-crawled with an edited text (versions)."""
    folder = tmp_path_factory.mktemp("reading-room")
    db_path = folder / "demo.db"
    shutil.copy(demo_archive, db_path)
    for suffix in ("images", "warc"):
        shutil.copytree(demo_archive.with_name(f"demo-{suffix}"), folder / f"demo-{suffix}")
    db = open_db(db_path)
    store.save_site(db, {"slug": "paging_site", "name": "Trung tâm Ươm tạo Thử nghiệm",
                         "province": "Hà Giang", "province_current": "Tuyên Quang"})  # fmt: skip
    store.save_articles(db, [{
        "url": f"http://paging.test/tin-{n}.html", "site": "paging_site",
        "title": f"Bản tin ươm tạo doanh nghiệp số {n}", "body_text": f"Nội dung ươm tạo {n}.",
        "body_html": f"<p>Nội dung ươm tạo {n}.</p>",
        "published": f"2023-{n % 12 + 1:02d}-05T00:00:00+07:00",
        "province": "Hà Giang", "province_current": "Tuyên Quang",
        "fetched_at": "2024-07-01T00:00:00+00:00", "images": [],
    } for n in range(45)])  # fmt: skip
    edited = {
        "url": "http://paging.test/sua-bai.html", "site": "paging_site",
        "title": "Bài được sửa sau khi đăng",
        "body_text": "Đoạn đầu giữ nguyên.\nĐoạn cũ sẽ bị xóa.",
        "body_html": "<p>Đoạn đầu giữ nguyên.</p><p>Đoạn cũ sẽ bị xóa.</p>",
        "published": "2024-03-01T00:00:00+07:00", "fetched_at": "2024-03-02T00:00:00+00:00",
        "images": [],
    }  # fmt: skip
    store.save_articles(db, [edited])
    store.save_articles(db, [{
        **edited, "title": "Bài được sửa sau khi đăng (cập nhật)",
        "body_text": "Đoạn đầu giữ nguyên.\nĐoạn mới được thêm.",
        "body_html": "<p>Đoạn đầu giữ nguyên.</p><p>Đoạn mới được thêm.</p>",
        "fetched_at": "2024-03-05T00:00:00+00:00",
    }])  # fmt: skip
    db.close()
    return db_path


@pytest.fixture(scope="module")
def get(archive: Path):
    datasette = make_datasette(archive)

    def fetch(path: str):
        return asyncio.run(datasette.client.get(path))

    return fetch


def sql(archive: Path, query: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(archive) as conn:
        return conn.execute(query, params).fetchall()


def results(page_html: str) -> list[tuple[str, str]]:
    """(href, title) of each result of a search page."""
    tree = lxml_html.fromstring(page_html)
    return [(a.get("href"), a.text_content()) for a in tree.cssselect(".khcn-results h2 a")]


def test_search_without_diacritics_links_to_articles_and_marks_matches(get) -> None:
    response = get("/search?q=chuyen+doi+so+hai+phong")
    assert response.status_code == 200
    found = results(response.text)
    assert found and all(re.fullmatch(r"/article/\d+", href) for href, _ in found)
    assert any("chuyển đổi số" in title.lower() for _, title in found)
    assert "<mark>Hải</mark>" in response.text or "<mark>Phòng</mark>" in response.text
    article = get(found[0][0])
    assert article.status_code == 200 and found[0][1] in article.text


def test_typed_filters_several_provinces_and_a_year_match_sql(get, archive: Path) -> None:
    response = get("/search?province=hai+phong&province=Can+Tho&year=2024&sort=newest")
    assert response.status_code == 200
    expected = sql(
        archive,
        "SELECT count(*) FROM articles WHERE province IN ('Hải Phòng', 'Cần Thơ') AND year = 2024",
    )[0][0]
    assert expected > 0
    assert f"<strong>{expected}</strong> bài" in response.text
    tree = lxml_html.fromstring(response.text)
    chips = [chip.text_content() for chip in tree.cssselect(".khcn-chip")]
    assert any("Hải Phòng" in c for c in chips) and any("Cần Thơ" in c for c in chips)


def test_facet_counts_are_the_counts_of_the_other_filters(get, archive: Path) -> None:
    """With one province chosen, the province facet still counts every province (to add one),
    and the site facet counts only that province's sites."""
    tree = lxml_html.fromstring(get("/search?province=Hải+Phòng").text)
    facets = {
        section.findtext("h3"): {
            li.find("a").text_content()[2:].strip(): int(li.findtext("span").replace(".", ""))
            for li in section.iter("li")
        }
        for section in tree.cssselect(".khcn-facets section")
    }
    provinces = dict(sql(archive, "SELECT province, count(*) FROM articles GROUP BY province"))
    shown = facets["Tỉnh khi đăng · Province then"]
    assert all(shown[name] == provinces[name] for name in shown) and len(shown) > 3
    sites = dict(sql(
        archive,
        "SELECT s.name, count(*) FROM articles a JOIN sites s ON s.slug = a.site "
        "WHERE a.province = 'Hải Phòng' GROUP BY s.name",
    ))  # fmt: skip
    assert facets["Trang · Site"] == sites


def test_paging_reaches_every_match_once(get) -> None:
    seen = []
    for page in (1, 2, 3):
        seen += results(get(f"/search?q=uom+tao+doanh+nghiep&sort=newest&page={page}").text)
    titles = [title for _, title in seen if title.startswith("Bản tin ươm tạo")]
    assert len(titles) == 45 and len(set(titles)) == 45
    assert 'rel="next"' in get("/search?q=uom+tao+doanh+nghiep&page=2").text


def test_search_csv_has_the_export_columns_and_every_match(get, archive: Path) -> None:
    response = get("/search.csv?province=Hai+Phong&province=Ha+Giang&from=2023&to=2024")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS)
    expected = sql(
        archive,
        "SELECT id FROM articles WHERE province IN ('Hải Phòng', 'Hà Giang') "
        "AND published >= '2023-01-01' AND published < '2025-01-01' ORDER BY id",
    )
    assert [int(row["id"]) for row in rows] == [row[0] for row in expected]
    assert len(rows) > 45


def test_atom_feed_of_a_search_lists_the_newest_matches(get) -> None:
    response = get("/search.atom?q=uom+tao")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # no rel: the alternate
    assert all(re.search(r"/article/\d+$", link) for link in links)
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)


def test_article_page_puts_each_archived_image_in_place_with_its_caption(get, archive) -> None:
    article_id, caption, path = sql(
        archive,
        "SELECT i.article_id, i.caption, i.path FROM images i WHERE i.caption != '' "
        "AND i.path IS NOT NULL ORDER BY i.id LIMIT 1",
    )[0]
    page = get(f"/article/{article_id}").text
    body = lxml_html.fromstring(page).cssselect(".khcn-body")[0]
    figures = body.cssselect("figure")
    assert figures and figures[0].find("img").get("src") == f"/images/{path}"
    assert figures[0].findtext("figcaption") == caption
    assert body.text_content().count(caption) == 1  # not repeated after the body
    assert not any(not (img.get("src") or "").startswith("/images/") for img in body.iter("img"))
    assert "Trích dẫn · Cite this" in page and "T00:00:00" not in body.text_content()


def test_article_page_shows_earlier_versions_and_what_changed(get, archive) -> None:
    (article_id,) = sql(archive, "SELECT id FROM articles WHERE url LIKE '%sua-bai%'")[0]
    tree = lxml_html.fromstring(get(f"/article/{article_id}").text)
    versions = tree.cssselect(".khcn-versions details")
    assert len(versions) == 1
    text = versions[0].text_content()
    assert "Đoạn cũ sẽ bị xóa." in text and "Đoạn mới được thêm." in text
    assert "Bài được sửa sau khi đăng (cập nhật)" in text  # the title change


def test_archived_copy_is_the_captured_page_without_scripts(get, archive) -> None:
    article_id, title = sql(
        archive,
        "SELECT id, title FROM articles WHERE warc_file IS NOT NULL AND image_count > 0 "
        "ORDER BY id LIMIT 1",
    )[0]
    response = get(f"/article/{article_id}/archived")
    assert response.status_code == 200
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'none'
    assert "default-src 'none'" in response.headers["content-security-policy"]
    tree = lxml_html.fromstring(response.text)
    assert not tree.xpath("//script | //iframe | //@*[starts-with(name(), 'on')]")
    assert (
        "Bản lưu trữ · Archived copy"
        in tree.get_element_by_id("khcn-archive-banner").text_content()
    )
    assert title.split()[0] in response.text
    sources = [img.get("src") for img in tree.iter("img") if img.get("src")]
    assert sources and all(src.startswith("/images/") for src in sources)


def test_a_capture_is_read_at_its_offset_not_from_the_file_start(archive: Path, tmp_path) -> None:
    name, offset, url = sql(
        archive,
        "SELECT warc_file, warc_offset, url FROM articles ORDER BY warc_offset DESC LIMIT 1",
    )[0]
    damaged = tmp_path / name
    data = bytearray((warc_folder(archive) / name).read_bytes())
    data[: min(offset, 4096)] = b"\0" * min(offset, 4096)  # what comes before is unreadable
    damaged.write_bytes(bytes(data))
    assert read_response(tmp_path, name, offset).url == url


@pytest.mark.parametrize(
    "path",
    ["/search?q=%22", "/search?q=", "/search?q=*", "/search?q=(", "/search?q=AND+OR",
     "/search?page=abc", "/search?page=-3", "/search?sort=nonsense"],
)  # fmt: skip
def test_malformed_searches_get_a_page_not_an_error(get, path: str) -> None:
    response = get(path)
    assert response.status_code == 200
    assert "khcn-results" in response.text or "khcn-count" in response.text


@pytest.mark.parametrize(
    ("path", "says"),
    [("/search?province=Atlantis", "Không có tỉnh khi đăng “Atlantis”"),
     ("/search?year=20x", "Năm có 4 chữ số"),
     ("/search?from=32/13/2024", "Không hiểu ngày"),
     ("/article/999999", "Không có bài số 999999")],
)  # fmt: skip
def test_unknown_values_are_named(get, path: str, says: str) -> None:
    response = get(path)
    assert response.status_code in (400, 404)
    assert says in response.text


def test_home_page_has_a_search_box_and_the_province_chart(get) -> None:
    tree = lxml_html.fromstring(get("/").text)
    form = tree.cssselect("form.khcn-searchbox")[0]
    assert form.get("action") == "/search" and form.cssselect("input[name=q]")
    cells = tree.cssselect("svg.heatmap a")
    assert cells and all(a.get("href").startswith("/search?province_now=") for a in cells)


def test_the_old_article_query_url_goes_to_the_article_page(get) -> None:
    response = get("/demo/article?id=3")
    assert response.status_code == 302 and response.headers["location"] == "/article/3"


def test_articles_table_shows_short_columns_and_exports_the_curated_ones(get) -> None:
    page = get("/demo/articles")
    tree = lxml_html.fromstring(page.text)
    headers = {th.get("data-column") for th in tree.cssselect("table.rows-and-columns th")}
    assert "title" in headers and not headers & {"body_text", "body_html", "methods"}
    titles = tree.cssselect("td.col-title a")
    assert titles and all(re.fullmatch(r"/article/\d+", a.get("href")) for a in titles)
    csv_link = tree.cssselect("p.export-links a[href*='.csv']")[0].get("href")
    exported = get(csv_link)
    assert next(csv.reader(io.StringIO(exported.text))) == list(COLUMNS)
    asked = get("/demo/articles.json?_col=body_html&_shape=objects").json()
    assert set(asked["rows"][0]) == {"id", "body_html"}


def test_the_heatmap_names_the_unknown_province_and_links_only_what_a_search_finds() -> None:
    from archive.reading_room.views import UNKNOWN_PROVINCE, province_heatmap

    svg = str(province_heatmap({("?", "2024-05"): 2, ("Hải Phòng", "2024-05"): 3}))
    assert UNKNOWN_PROVINCE in svg and ">?<" not in svg
    assert svg.count("<a href=") == 1 and "province_now=H%E1%BA%A3i+Ph%C3%B2ng" in svg


@pytest.mark.parametrize(
    ("path", "labels"),
    [
        ("/demo/articles", ["Trang chủ · home", "dòng · ", "Tìm · Search", "Áp dụng · Apply",
                            "Xem và sửa SQL · View and edit SQL", "Tải dữ liệu này · This data as",
                            "Xuất dữ liệu nâng cao · Advanced export", "Giấy phép · Data license"]),
        ("/demo/articles?_search=zzzqqqxx", ["Không có dòng nào · 0 records"]),
        ("/demo", ["Truy vấn SQL tự viết · Custom SQL query", "Chạy SQL · Run SQL",
                   "Bảng · Tables", "dòng · row", "Một kho lưu trữ"]),
        ("/demo/sites/hpstic", ["Tải dữ liệu này · This data as",
                                "Liên kết từ các bảng khác · Links from other tables"]),
        ("/demo?sql=select+1", ["Truy vấn SQL · SQL query", "Chạy · Run SQL"]),
    ],
)  # fmt: skip
def test_datasettes_own_pages_say_it_in_vietnamese_first(get, path: str, labels) -> None:
    page = get(path)
    assert page.status_code == 200
    text = " ".join(lxml_html.fromstring(page.text).text_content().split())
    attributes = " ".join(lxml_html.fromstring(page.text).xpath("//input/@value"))
    for label in labels:
        assert label in text or label in attributes, label
    assert "This data as" not in text.replace("Tải dữ liệu này · This data as", "")
