"""Filter values as people type them (archive/filters.py) and `khcn export` with repeated,
folded filters and chosen columns, on a real archive file through the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from archive import store
from archive.db import open_db
from archive.export import COLUMNS
from archive.filters import AmbiguousValue, UnknownValue, match_sites, match_values
from archive.search import fold_for_matching
from portals.cli import cli

HCMC = "TP. Hồ Chí Minh"
CAN_THO = "Cần Thơ"
SITES = {  # slug: (portal name, province at publication, province since 1 July 2025)
    "hpstic": ("Trung tâm Thông tin Khoa học và Công nghệ Hải Phòng", "Hải Phòng", "Hải Phòng"),
    "haiduong_dost": ("Sở Khoa học và Công nghệ tỉnh Hải Dương", "Hải Dương", "Hải Phòng"),
    "hanam_skhcn": ("Sở Khoa học và Công nghệ tỉnh Hà Nam", "Hà Nam", "Ninh Bình"),
    "hcmc_dost": ("Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh", HCMC, HCMC),
    "cantho_sokhcn": ("Sở Khoa học và Công nghệ thành phố Cần Thơ", CAN_THO, CAN_THO),
    "cantho_stnews": ("Thông tin Khoa học và Công nghệ Cần Thơ (Cần Thơ STNews)", CAN_THO, CAN_THO),
}
CATEGORIES = ("Khoa học công nghệ", "Tin tức - Sự kiện", "Chuyển đổi số")
PER_SITE = 7


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "archive.db"
    db = open_db(path)
    records = []
    for number, (slug, (name, province, now)) in enumerate(
        (slug, SITES[slug]) for slug in SITES for _ in range(PER_SITE)
    ):
        store.save_site(db, {"slug": slug, "name": name, "province": province})
        records.append(
            {
                "url": f"http://{slug}.example.test/bai-{number}.html",
                "site": slug,
                "title": f"Bài {number} của {name}",
                "body_text": f"Nội dung bài {number}.",
                "body_html": f"<p>Nội dung bài {number}.</p>",
                "category": CATEGORIES[number % 3],
                "published": f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}T08:00:00+07:00",
                "province": province,
                "province_current": now,
                "fetched_at": "2024-07-01T00:00:00+00:00",
                "images": [],
            }
        )
    store.save_articles(db, records)
    db.close()
    return path


def run_export(archive: Path, out: Path, *args: str):
    return CliRunner().invoke(cli, ["export", "--db", str(archive), *args, "-o", str(out)])


def count(archive: Path, where: str, params: list[str]) -> int:
    db = open_db(archive)
    try:
        return db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
    finally:
        db.close()


def csv_rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_fold_for_matching_drops_case_marks_and_punctuation() -> None:
    assert fold_for_matching("HẢI PHÒNG") == fold_for_matching("  hai   phong ") == "hai phong"
    assert fold_for_matching("TP. Hồ Chí Minh") == "tp ho chi minh"
    assert fold_for_matching("Đồng Nai") == fold_for_matching("Ðồng Nai") == "dong nai"
    assert fold_for_matching("Bà Rịa–Vũng Tàu") == "ba ria vung tau"
    decomposed = "Ha\u0309i Pho\u0300ng"  # NFD, as some pages write it
    assert fold_for_matching(decomposed) == "hai phong"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Hải Phòng", "Hải Phòng"),
        ("Hai Phong", "Hải Phòng"),
        ("hai phong", "Hải Phòng"),
        ("HẢI PHÒNG", "Hải Phòng"),
        ("phong", "Hải Phòng"),
        ("Ho Chi Minh", "TP. Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("TP.HCM", "TP. Hồ Chí Minh"),
        ("can tho", "Cần Thơ"),
    ],
)
def test_province_typed_any_way_is_the_stored_value(archive: Path, typed: str, stored: str):
    db = open_db(archive)
    try:
        assert match_values(db, "province", [typed]) == [stored]
    finally:
        db.close()


def test_several_values_are_matched_once_each_in_order(archive: Path) -> None:
    db = open_db(archive)
    try:
        typed = ["ha nam", "Hai Phong", "HẢI PHÒNG", "hai duong"]
        assert match_values(db, "province", typed) == ["Hà Nam", "Hải Phòng", "Hải Dương"]
        assert match_values(db, "province_current", ["ninh binh"]) == ["Ninh Bình"]
        assert match_values(db, "category", ["chuyen doi so", "KHCN"]) == [
            "Chuyển đổi số",
            "Khoa học công nghệ",
        ]
        assert match_values(db, "province", []) == []
    finally:
        db.close()


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("hpstic", "hpstic"),
        ("HPSTIC", "hpstic"),
        ("Trung tam Thong tin Khoa hoc va Cong nghe Hai Phong", "hpstic"),
        ("trung tam thong tin", "hpstic"),
        ("So Khoa hoc va Cong nghe Hai Duong", "haiduong_dost"),
        ("Sở KH&CN Hà Nam", "hanam_skhcn"),
        ("stnews", "cantho_stnews"),
    ],
)
def test_site_by_slug_or_name_without_diacritics(archive: Path, typed: str, slug: str) -> None:
    db = open_db(archive)
    try:
        assert match_sites(db, [typed]) == [slug]
    finally:
        db.close()


def test_unknown_and_ambiguous_values_name_the_closest(archive: Path) -> None:
    db = open_db(archive)
    try:
        with pytest.raises(UnknownValue) as unknown:
            match_values(db, "province", ["Hai Phongg"])
        assert unknown.value.field == "province" and unknown.value.typed == "Hai Phongg"
        assert unknown.value.suggestions[0] == "Hải Phòng"
        assert '"Hai Phongg"' in str(unknown.value) and "Hải Phòng" in str(unknown.value)
        with pytest.raises(AmbiguousValue) as ambiguous:  # two portals of Cần Thơ
            match_sites(db, ["Can Tho"])
        assert [s.split()[0] for s in ambiguous.value.suggestions] == [
            "cantho_sokhcn",
            "cantho_stnews",
        ]
        with pytest.raises(UnknownValue, match="empty"):
            match_sites(db, ["  "])
        with pytest.raises(ValueError, match="not a filter column"):
            match_values(db, "body_html", ["x"])
    finally:
        db.close()


def test_three_provinces_repeated_give_their_union(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "three.csv"
    result = run_export(
        archive, out, "--province", "Hai Phong", "--province", "ha nam", "--province", "Can Tho"
    )
    assert result.exit_code == 0, result.output
    provinces = ["Hải Phòng", "Hà Nam", "Cần Thơ"]
    expected = count(archive, "province IN (?, ?, ?)", provinces)
    rows = csv_rows(out)
    assert len(rows) == expected == 4 * PER_SITE
    assert f"{expected} articles" in result.output
    assert {row["province"] for row in rows} == set(provinces)


def test_repeated_filters_of_every_kind_combine(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "combined.jsonl"
    args = ["--province-now", "hai phong", "--province-now", "Ninh Binh",
            "--category", "khoa hoc cong nghe", "--category", "Chuyen doi so",
            "--site", "hpstic", "--site", "So Khoa hoc va Cong nghe tinh Ha Nam",
            "--format", "jsonl"]  # fmt: skip
    result = run_export(archive, out, *args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = count(
        archive,
        "province_current IN (?, ?) AND category IN (?, ?) AND site IN (?, ?)",
        ["Hải Phòng", "Ninh Bình", "Khoa học công nghệ", "Chuyển đổi số", "hpstic", "hanam_skhcn"],
    )
    assert len(rows) == expected > 0
    assert {row["site"] for row in rows} == {"hpstic", "hanam_skhcn"}
    assert {row["category"] for row in rows} == {"Khoa học công nghệ", "Chuyển đổi số"}


def test_unknown_province_is_an_error_and_writes_nothing(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    result = run_export(archive, out, "--province", "Hai Phong", "--province", "Hai Phongg")
    assert result.exit_code != 0
    assert '"Hai Phongg"' in result.output and "Hải Phòng" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    result = run_export(archive, out, "--site", "hpstc")
    assert result.exit_code != 0 and "hpstic" in result.output and not out.exists()


def test_curated_columns_by_default(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "default.csv"
    assert run_export(archive, out, "--site", "hpstic").exit_code == 0
    rows = csv_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    assert not {"body_html", "methods", "content_hash", "language"} & set(rows[0])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_columns_on_request(archive: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"chosen.{fmt}"
    result = run_export(
        archive, out, "--columns", "title, body_html,year,id", "--site", "hpstic", "--format", fmt
    )
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = csv_rows(out)
        header = list(rows[0])
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        header = list(rows[0])
    else:
        table = pq.read_table(out)
        rows, header = table.to_pylist(), table.column_names
        types = {field.name: str(field.type) for field in table.schema}
        assert types == {"title": "string", "body_html": "string", "year": "int64", "id": "int64"}
    assert header == ["title", "body_html", "year", "id"]
    assert len(rows) == PER_SITE
    assert all(str(row["body_html"]).startswith("<p>Nội dung") for row in rows)
    assert {str(row["year"]) for row in rows} == {"2024"}


def test_all_columns(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.parquet"
    result = run_export(archive, out, "--all-columns", "--format", "parquet")
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names[: len(COLUMNS)] == list(COLUMNS)
    helpers = {
        "body_html", "language", "methods", "warnings", "content_hash", "first_seen",
        "last_seen", "fetched_at", "warc_record_id", "same_article_key", "year", "month",
    }  # fmt: skip
    assert helpers <= set(table.column_names)
    assert len(table.column_names) == len(set(table.column_names))
    assert table.num_rows == count(archive, "1", [])


def test_bad_columns_are_errors(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "bad.csv"
    result = run_export(archive, out, "--columns", "id,titel")
    assert result.exit_code != 0 and '"titel"' in result.output and "title" in result.output
    assert not out.exists()
    result = run_export(archive, out, "--columns", "id", "--all-columns")
    assert result.exit_code != 0 and not out.exists()
    result = run_export(archive, out, "--columns", " , ")
    assert result.exit_code != 0 and not out.exists()


def test_fold_for_matching_is_its_definition_on_any_text() -> None:
    """The per-character table gives what its docstring defines, done on the whole text."""
    import random
    import re
    import unicodedata

    from archive.search import fold

    def defined(text: str) -> str:
        apart = unicodedata.normalize("NFD", fold(text))
        bare = "".join(c for c in apart if not unicodedata.combining(c)).casefold()
        return " ".join(re.sub(r"[\W_]+", " ", bare.replace("ð", "d")).split())

    rng = random.Random(5)
    odd = (0x130, 0x1E9E, 0xFB01, 0x2126, 0x212B, 0x3000, 0x0110, 0x00D0)
    codes = (*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), *odd)
    alphabet = [chr(c) for c in codes]
    texts = ["Sở KH&CN TP. Hồ Chí Minh: Đổi mới sáng tạo", "ĐẮK LẮK", "İstanbul ﬁ ẞ Ω Å"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 60))) for _ in range(500)]
    for text in texts:
        assert fold_for_matching(text) == defined(text), repr(text)
