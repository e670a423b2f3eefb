"""The archive: schema, upsert by canonical URL, content hash, diacritic-insensitive search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from archive import store
from archive.db import open_db
from archive.images import is_intact, remove_damaged, store_image
from archive.migrations import migrations
from archive.search import fold, search_articles

SITE = {"slug": "hpstic", "name": "Trung tâm Thông tin KH&CN Hải Phòng", "province": "Hải Phòng"}


def record(url: str, title: str, body: str, **extra) -> dict:
    return {
        "url": url, "site": "hpstic", "title": title, "body_text": body,
        "body_html": f"<p>{body}</p>",
        "published": "2024-06-21T00:00:00+07:00", "fetched_at": "2024-06-25T01:00:00+00:00",
        "images": [], **extra,
    }  # fmt: skip


ARTICLES = [
    record(
        "http://hpstic.vn/news/a-1.html",
        "Hải Phòng đẩy mạnh chuyển đổi số",
        "Doanh nghiệp Hải Phòng ứng dụng chuyển đổi số trong sản xuất.",
    ),
    record(
        "http://hpstic.vn/news/b-2.html",
        "Đào tạo nhân lực khoa học trẻ",
        "Khóa đào tạo dành cho cán bộ Đà Nẵng và Đồng Tháp.",
        author="Nguyễn Văn Đức",
    ),
    record(
        "http://hpstic.vn/news/c-3.html",
        "Hội nghị sơ kết công tác",
        "Sở KH&CN tổ chức hội nghị.",
        images=[{"url": "http://hpstic.vn/1.jpg", "caption": "Quang cảnh Hội nghị.", "alt": None}],
    ),
]


@pytest.fixture
def db(db_path: Path):
    database = open_db(db_path)
    store.save_site(database, SITE)
    store.save_articles(database, ARTICLES, "2024-06-25T01:00:00+00:00")
    yield database
    database.close()


def test_schema_is_explicit_and_wal(db) -> None:
    assert db.journal_mode == "wal"
    assert {"sites", "articles", "images", "crawl_runs", "articles_fts"} <= set(db.table_names())
    fts = db["articles_fts"].schema
    assert "unicode61 remove_diacritics 2" in fts and "search_folded" in fts
    assert [m.name for m in migrations.applied(db)] == [
        "0001_initial",
        "0002_urls_and_duplicates",
        "0003_captures_images_versions",
        "0004_page_validators",
        "0005_warc_files",
        "0006_crawl_failures",
        "0007_links_found",
        "0008_health",
        "0009_run_worker",
        "0010_province_indexes",
        "0011_definition_use",
        "0012_held_captures",
        "0013_reading_room_indexes",
    ]


def test_recrawl_never_duplicates_and_counts_unchanged(db) -> None:
    counts = store.save_articles(db, ARTICLES, "2024-06-26T01:00:00+00:00")
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 3)
    assert db["articles"].count == 3
    row = next(db.query("SELECT first_seen, last_seen FROM articles WHERE id = 1"))
    assert row == {
        "first_seen": "2024-06-25T01:00:00+00:00",
        "last_seen": "2024-06-26T01:00:00+00:00",
    }


def test_changed_content_is_an_update_keeping_the_id(db) -> None:
    changed = record(
        "http://hpstic.vn/news/a-1.html",
        "Hải Phòng đẩy mạnh chuyển đổi số",
        "Nội dung đã được sửa lại.",
    )
    before = next(db.query("SELECT id, content_hash FROM articles WHERE url = ?", [changed["url"]]))
    counts = store.save_articles(db, [changed], "2024-06-27T00:00:00+00:00")
    after = next(
        db.query("SELECT id, content_hash, body_text FROM articles WHERE url = ?", [changed["url"]])
    )
    assert counts.updated == 1 and after["id"] == before["id"]
    assert after["content_hash"] != before["content_hash"]
    assert after["body_text"] == "Nội dung đã được sửa lại."


def test_content_hash_ignores_fetch_time_but_not_captions() -> None:
    a = record("u", "T", "B", images=[{"url": "i.jpg", "caption": "Một"}])
    b = {**a, "fetched_at": "2030-01-01T00:00:00+00:00"}
    c = {**a, "images": [{"url": "i.jpg", "caption": "Hai"}]}
    assert store.content_hash(a) == store.content_hash(b) != store.content_hash(c)


def test_images_are_stored_in_order(db) -> None:
    rows = list(db.query("SELECT position, url, caption FROM images"))
    assert rows == [
        {"position": 0, "url": "http://hpstic.vn/1.jpg", "caption": "Quang cảnh Hội nghị."}
    ]


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [
        ("chuyen doi so", "Hải Phòng đẩy mạnh chuyển đổi số"),
        ("hai phong", "Hải Phòng đẩy mạnh chuyển đổi số"),
        ("dao tao", "Đào tạo nhân lực khoa học trẻ"),
        ("Dao tao", "Đào tạo nhân lực khoa học trẻ"),
        ("đào tạo", "Đào tạo nhân lực khoa học trẻ"),
        ("ĐÀO TẠO", "Đào tạo nhân lực khoa học trẻ"),
        ("da nang dong thap", "Đào tạo nhân lực khoa học trẻ"),
        ("nguyen van duc", "Đào tạo nhân lực khoa học trẻ"),
        ('"dao tao"', "Đào tạo nhân lực khoa học trẻ"),
        ("hoi nghi kh cn", "Hội nghị sơ kết công tác"),
    ],
)
def test_search_is_diacritic_insensitive_including_d(db, query: str, expected_title: str) -> None:
    titles = [row["title"] for row in search_articles(db, query)]
    assert titles == [expected_title]


def test_search_keeps_stored_text_untouched(db) -> None:
    titles = {row["title"] for row in db.query("SELECT title FROM articles")}
    assert "Đào tạo nhân lực khoa học trẻ" in titles
    assert fold("Đào tạo đổi mới") == "Dào tạo dổi mới"  # only đ/Đ; FTS strips the rest


@pytest.mark.parametrize("query", ['"unbalanced', "stray *", "- minus", "KH&CN", "a OR", "(("])
def test_malformed_queries_do_not_raise(db, query: str) -> None:
    search_articles(db, query)


def test_fts_index_stays_consistent_after_upserts(db) -> None:
    store.save_articles(
        db,
        [record("http://hpstic.vn/news/a-1.html", "Tiêu đề mới", "Thân bài mới")],
        "2024-07-01T00:00:00+00:00",
    )
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    assert [r["title"] for r in search_articles(db, "tieu de moi")] == ["Tiêu đề mới"]
    assert search_articles(db, "chuyen doi so") == []


def test_reopening_does_not_rerun_migrations(db_path: Path, db) -> None:
    db.close()
    again = open_db(db_path)
    assert again["articles"].count == 3
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 13


def test_a_refused_batch_writes_nothing(db) -> None:
    good = record("http://hpstic.vn/news/d-4.html", "Bài mới", "Nội dung mới.")
    bad = {**record("http://hpstic.vn/news/e-5.html", "Bài lỗi", "x"), "body_text": None}
    with pytest.raises(sqlite3.IntegrityError):
        store.save_articles(db, [good, bad], "2024-07-01T00:00:00+00:00")
    assert db["articles"].count == 3
    assert search_articles(db, "bai moi") == []
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


def test_the_same_article_on_another_host_is_stored_once_with_both_urls(db) -> None:
    store.save_site(db, {**SITE, "slug": "haiphong_portal", "name": "Cổng Hải Phòng"})
    republished = {
        **ARTICLES[0],
        "url": "https://haiphong.gov.vn/tin-tuc/hai-phong-day-manh-chuyen-doi-so-680867",
        "site": "haiphong_portal",
        "title": "HẢI PHÒNG ĐẨY MẠNH CHUYỂN ĐỔI SỐ",  # same words, another case
        "body_text": ARTICLES[0]["body_text"] + "\n\nNguồn: hpstic.vn",
    }
    counts = store.save_articles(db, [republished], "2024-06-26T00:00:00+00:00")
    assert (counts.new, counts.duplicate) == (0, 1)
    assert db["articles"].count == 3
    urls = [r["url"] for r in db.query("SELECT url FROM article_urls WHERE article_id = 1")]
    assert sorted(urls) == sorted([ARTICLES[0]["url"], republished["url"]])
    # the second host never overwrites the content stored from the first
    again = store.save_articles(db, [republished], "2024-06-27T00:00:00+00:00")
    assert (again.updated, again.duplicate) == (0, 1)
    assert "Nguồn" not in next(db.query("SELECT body_text FROM articles WHERE id = 1"))["body_text"]


def test_a_different_day_is_a_different_article(db) -> None:
    other_day = {**ARTICLES[0], "url": "http://hpstic.vn/news/a-9.html",
                 "published": "2025-06-21T00:00:00+07:00"}  # fmt: skip
    assert store.save_articles(db, [other_day], "2024-07-01T00:00:00+00:00").new == 1


def test_same_article_key_folds_case_marks_and_punctuation() -> None:
    key = store.same_article_key("Đào tạo: nhân lực “khoa học” trẻ!", "2024-06-21T08:00:00+07:00")
    assert key == "2024-06-21 dao tao nhan luc khoa hoc tre"
    assert store.same_article_key("Đào tạo nhân lực khoa học trẻ", None) is None


def test_gone_urls_are_recorded_and_keep_their_articles(db) -> None:
    gone = {"url": ARTICLES[0]["url"], "site": "hpstic", "reason": "redirect",
            "target": "https://www.cantho.gov.vn/"}  # fmt: skip
    store.record_gone(db, gone, "2025-08-01T00:00:00+00:00")
    store.record_gone(db, gone, "2025-08-02T00:00:00+00:00")
    row = next(db.query("SELECT * FROM gone_urls"))
    assert (row["first_seen"], row["last_seen"]) == (
        "2025-08-01T00:00:00+00:00",
        "2025-08-02T00:00:00+00:00",
    )
    assert db["articles"].count == 3


def test_a_content_change_keeps_the_previous_version(db) -> None:
    first = ARTICLES[2]
    edited = {
        **first,
        "body_text": "Sở KH&CN tổ chức hội nghị sơ kết.",
        "fetched_at": "2024-07-02T00:00:00+00:00",
    }
    assert store.save_articles(db, [edited]).updated == 1
    versions = list(db.query("SELECT * FROM article_versions"))
    assert len(versions) == 1
    old = versions[0]
    assert old["body_text"] == first["body_text"] and old["replaced_at"] == edited["fetched_at"]
    assert json.loads(old["images"])[0]["caption"] == "Quang cảnh Hội nghị."
    assert store.save_articles(db, [edited]).unchanged == 1  # seen again: no new version
    assert db["article_versions"].count == 1


def test_an_older_capture_never_rolls_back_newer_content(db) -> None:
    older = {**ARTICLES[0], "body_text": "Bản cũ hơn.", "fetched_at": "2024-01-01T00:00:00+00:00"}
    assert store.save_articles(db, [older]).unchanged == 1
    body = next(db.query("SELECT body_text FROM articles WHERE url = ?", [older["url"]]))
    assert body["body_text"] == ARTICLES[0]["body_text"]


def test_without_touch_an_unchanged_save_writes_nothing(db) -> None:
    before = list(db.query("SELECT * FROM articles ORDER BY id"))
    later = [{**a, "fetched_at": "2030-01-01T00:00:00+00:00"} for a in ARTICLES]
    assert store.save_articles(db, later, touch_unchanged=False).unchanged == 3
    assert list(db.query("SELECT * FROM articles ORDER BY id")) == before


def test_a_damaged_image_file_is_found_removed_and_fetched_again(tmp_path: Path) -> None:
    """A file cut short (a full disk, a crash) is never served: the check finds what no longer
    matches its content hash, removes it, and its image counts as not archived again."""
    folder = tmp_path / "archive-images"
    good = store_image(folder, "http://hpstic.vn/a.jpg", b"\xff\xd8" + b"a" * 5000)
    cut = store_image(folder, "http://hpstic.vn/b.jpg", b"\xff\xd8" + b"b" * 5000)
    (folder / cut.path).write_bytes(b"\xff\xd8" + b"b" * 100)
    (folder / "ab").mkdir(exist_ok=True)
    (folder / "ab" / "leftover.jpg.part").write_bytes(b"\xff")
    assert remove_damaged(folder) == sorted([cut.path, "ab/leftover.jpg.part"])
    assert (folder / good.path).exists() and not (folder / cut.path).exists()
    assert remove_damaged(folder) == []  # checked: only newer files are read next time
    again = store_image(folder, "http://hpstic.vn/b.jpg", b"\xff\xd8" + b"b" * 5000)
    assert again.path == cut.path and is_intact(folder / cut.path)
