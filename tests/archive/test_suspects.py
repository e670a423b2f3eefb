"""A portal's bad day never becomes the archive's text: maintenance pages, not-found templates,
the home page at article URLs, shrunken or unrelated texts and one template at many URLs are
held (with the reason), the archived article keeps its current version, and an operator can
accept a held capture that was a real edit. Real edits and articles about maintenance pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import holds, store
from archive.cli import cli
from archive.db import open_db
from archive.suspects import RunGuard, changed_too_much, notice

SITE = {"slug": "hpstic", "name": "Trung tâm Thông tin Khoa học và Công nghệ Hải Phòng"}
PARAGRAPHS = [
    "Sáng 20/6, Sở Khoa học và Công nghệ Hải Phòng tổ chức hội nghị sơ kết công tác sáu tháng "
    "đầu năm 2024 với sự tham dự của lãnh đạo các phòng, đơn vị trực thuộc.",
    "Theo báo cáo, trong sáu tháng đầu năm Sở đã tổ chức nghiệm thu 12 nhiệm vụ khoa học và "
    "công nghệ cấp thành phố, cấp 35 giấy chứng nhận đăng ký kết quả nhiệm vụ.",
    "Công tác quản lý tiêu chuẩn đo lường chất lượng được tăng cường; 146 phương tiện đo được "
    "kiểm định, hiệu chuẩn phục vụ sản xuất kinh doanh trên địa bàn thành phố.",
    "Phát biểu kết luận, Giám đốc Sở đề nghị các đơn vị tập trung hoàn thành các nhiệm vụ trọng "
    "tâm sáu tháng cuối năm, đặc biệt là chuyển đổi số trong quản lý nhiệm vụ khoa học.",
]  # fmt: skip
MAINTENANCE = "Hệ thống đang bảo trì — Website đang được nâng cấp, xin quay lại sau."


def article(
    number: int, body: str | None = None, title: str | None = None, when: str = "01"
) -> dict:
    return {
        "url": f"http://hpstic.vn/news/bai-{number}.html", "site": "hpstic",
        "title": title or f"Hội nghị sơ kết công tác số {number} của Sở Khoa học và Công nghệ",
        "body_text": body if body is not None else "\n".join(PARAGRAPHS) + f" Bài {number}.",
        "body_html": "<p>…</p>", "published": "2024-06-21T00:00:00+07:00",
        "fetched_at": f"2024-07-{when}T00:00:00+00:00", "images": [],
    }  # fmt: skip


@pytest.fixture
def db(tmp_path: Path):
    database = open_db(tmp_path / "archive.db")
    store.save_site(database, SITE)
    store.save_articles(database, [article(n) for n in range(5)])
    yield database
    database.close()


def guard() -> RunGuard:
    return RunGuard(site_names={"hpstic": SITE["name"]})


def current_texts(db) -> dict[str, str]:
    return {row["url"]: row["body_text"] for row in db.query("SELECT url, body_text FROM articles")}


def test_a_maintenance_refresh_is_held_and_the_archive_keeps_its_text(db) -> None:
    before = current_texts(db)
    bad_day = [article(n, body=MAINTENANCE, title="Bảo trì hệ thống", when="09") for n in range(5)]
    counts = store.save_articles(db, bad_day, guard=guard(), run_id=None)
    assert current_texts(db) == before
    assert db.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 0
    assert [kind for _, kind, _ in counts.held] == ["maintenance"] * 5
    assert (counts.updated, counts.new) == (0, 0)
    assert len(holds.pending(db, "hpstic")) == 5


def test_a_not_found_template_on_a_first_crawl_stores_no_article(db) -> None:
    pages = [article(n, body="Xin lỗi, trang không tồn tại hoặc đã bị xóa.", title="Lỗi 404")
             for n in range(10, 14)]  # fmt: skip
    counts = store.save_articles(db, pages, guard=guard())
    assert counts.new == 0 and {kind for _, kind, _ in counts.held} == {"soft-404"}
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_the_home_page_at_article_urls_is_held(db) -> None:
    home = article(2, title=SITE["name"], body="Tin mới\nThông báo\nVăn bản", when="09")
    counts = store.save_articles(db, [home], guard=guard())
    assert counts.held[0][1] == "soft-404"


def test_a_shrunken_or_unrelated_text_is_held_but_a_real_edit_is_applied(db) -> None:
    shrunk = article(1, body=PARAGRAPHS[0], when="09")
    unrelated = article(2, body="\n".join(reversed([p[::-1] for p in PARAGRAPHS])), when="09")
    ending = "Hội nghị kết thúc lúc 11 giờ."
    edited = article(3, body="\n".join([*PARAGRAPHS[:3], ending]), when="09")
    counts = store.save_articles(db, [shrunk, unrelated, edited], guard=guard())
    held = sorted(url for url, kind, _ in counts.held if kind == "suspect-change")
    assert held == [shrunk["url"], unrelated["url"]]
    assert counts.updated == 1
    assert current_texts(db)[edited["url"]].endswith("Hội nghị kết thúc lúc 11 giờ.")


def test_one_template_at_many_new_urls_is_held() -> None:
    template = "Trang này hiển thị danh sách tin tức mới nhất của cổng thông tin điện tử. " * 5
    records = [article(n, body=template, title="Tin tức") for n in range(20, 24)]
    run = guard()
    for record in records:
        run.note(record)
    assert all(run.verdict(record, None) is not None for record in records)


@pytest.mark.parametrize(
    "body",
    ["\n".join([*PARAGRAPHS, "Trong thời gian hệ thống đang bảo trì, các thủ tục được tiếp nhận "
                "trực tiếp tại bộ phận một cửa của Sở; nhiều cán bộ đang nâng cấp phần mềm."]),
     "\n".join([*PARAGRAPHS, "Mô hình nuôi cá lồng bè ứng dụng cảm biến giúp người dân theo dõi "
                "môi trường nước; trang thông tin không tồn tại lỗi nào trong mùa mưa."])],
)  # fmt: skip
def test_articles_that_mention_maintenance_are_articles(body: str) -> None:
    assert notice({"title": "Sở KH&CN nâng cấp hệ thống dịch vụ công", "body_text": body}) is None


def test_changed_too_much_leaves_short_texts_to_the_notice_rules() -> None:
    assert changed_too_much({"body_text": "Ngắn."}, {"body_text": "Khác hẳn."}) is None


def test_an_operator_accepts_a_held_capture_that_was_a_real_edit(db) -> None:
    rewritten = article(4, body="Bài viết được biên tập lại toàn bộ. " * 30, when="09")
    counts = store.save_articles(db, [rewritten], guard=guard())
    assert counts.held and counts.held[0][1] == "suspect-change"
    ids = [row["id"] for row in holds.pending(db)]
    accepted = store.save_articles(db, holds.accepted_records(db, ids))
    holds.mark_accepted(db, ids)
    assert accepted.updated == 1 and holds.pending(db) == []
    assert current_texts(db)[rewritten["url"]].startswith("Bài viết được biên tập lại")
    assert db.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 1


def test_khcn_held_lists_and_accepts(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    database = open_db(path)
    store.save_site(database, SITE)
    store.save_articles(database, [article(1)])
    store.save_articles(database, [article(1, body=MAINTENANCE, when="09")], guard=guard())
    database.close()
    runner = CliRunner()
    listed = runner.invoke(cli, ["held", "--db", str(path)])
    assert (
        listed.exit_code == 0 and "maintenance" in listed.output and "bai-1.html" in listed.output
    )
    (held_id,) = [int(line.split("\t")[0]) for line in listed.output.splitlines() if "\t" in line]
    refused = runner.invoke(cli, ["held", "--db", str(path), "--accept", "999"])
    assert refused.exit_code != 0 and "999" in refused.output
    accepted = runner.invoke(cli, ["held", "--db", str(path), "--accept", str(held_id)])
    assert accepted.exit_code == 0 and "1 articles updated" in accepted.output
    assert open_db(path).execute("SELECT body_text FROM articles").fetchone()[0] == MAINTENANCE


def test_the_same_capture_held_again_is_listed_once(db) -> None:
    bad_day = [article(n, body=MAINTENANCE, title="Bảo trì hệ thống", when="09") for n in range(5)]
    store.save_articles(db, bad_day, guard=guard())
    store.save_articles(db, bad_day, guard=guard())  # the next run, or a reparse
    assert len(holds.pending(db)) == 5
