"""A large synthetic archive for the storage, search and serving benchmarks.

Articles are drawn, seeded, from the sentences of the real article bodies in
tests/fixtures/*/expected.toml (the seed article among them; digits re-drawn), mixed with
slot-filled S&T sentences; a few planted terms occur at known rates, so their hit counts are
known. The archive is built with the real schema (archive.db.open_db) and written only through
sqlite-utils; it is cached under bench/.work/ by a key of its size, this generator's version and
the schema's migrations, so bench/serving.py reuses what bench/storage_search.py built.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archive import migrations as schema
from archive.db import open_db
from archive.store import content_hash, same_article_key

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / ".work"
GENERATOR_VERSION = "2"
BATCH = 1000
URL_COLUMNS = ("url", "site", "first_seen", "last_seen")

# term -> (sentence carrying it, share of articles): hit counts of these are known exactly.
PLANTED = {
    "cordycepin": ("Nhóm nghiên cứu đã chiết xuất cordycepin từ nấm đông trùng hạ thảo nuôi cấy "
                   "tại {province}.", 0.002),
    "voọc": ("Khu bảo tồn ghi nhận đàn voọc quý hiếm tại huyện {district}.", 0.0005),
    "thủy canh": ("Mô hình trồng rau thủy canh tại {district} cho thu nhập ổn định.", 0.05),
    "chuỗi giá trị": ("Đề tài góp phần hình thành chuỗi giá trị nông sản {crop} của {province}.",
                      0.25),
}  # fmt: skip

PROVINCES = [
    "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thành phố Hồ Chí Minh", "Hà Nam", "Nam Định",
    "Ninh Bình", "Thái Bình", "Hải Dương", "Hưng Yên", "Bắc Ninh", "Bắc Giang", "Quảng Ninh",
    "Lạng Sơn", "Cao Bằng", "Hà Giang", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Yên Bái",
    "Lào Cai", "Điện Biên", "Sơn La", "Hòa Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định",
    "Phú Yên", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "An Giang",
]  # fmt: skip
DISTRICTS = [
    "Lý Nhân", "Kim Bảng", "Thanh Liêm", "Đông Anh", "Gia Lâm", "Thủy Nguyên", "An Lão",
    "Tiên Lãng", "Vĩnh Bảo", "Hòa Vang", "Phong Điền", "Cờ Đỏ", "Đức Thọ", "Can Lộc",
    "Đô Lương", "Diễn Châu", "Triệu Phong", "Hải Lăng", "Đơn Dương", "Đức Trọng", "Krông Pắc",
    "Cư M'gar", "Long Thành", "Định Quán", "Châu Đốc", "Tịnh Biên", "Yên Định", "Thọ Xuân",
]  # fmt: skip
CROPS = ["lúa", "chè", "cà phê", "hồ tiêu", "bưởi", "cam", "vải thiều", "nhãn", "dược liệu",
         "nấm", "rau an toàn", "thanh long", "điều", "sâm", "mía"]  # fmt: skip
UNITS = ["Viện Khoa học Nông nghiệp Việt Nam", "Trường Đại học Bách khoa",
         "Trung tâm Ứng dụng tiến bộ KH&CN", "Học viện Nông nghiệp Việt Nam",
         "Viện Công nghệ sinh học", "Trường Đại học Nông Lâm", "Chi cục Tiêu chuẩn Đo lường "
         "Chất lượng", "Công ty cổ phần Đầu tư và Phát triển công nghệ"]  # fmt: skip
TEMPLATES = [
    "Sở Khoa học và Công nghệ tỉnh {province} vừa tổ chức hội đồng đánh giá, nghiệm thu đề tài "
    "do {unit} chủ trì.",
    "Năm {year}, tỉnh {province} đầu tư {n} tỷ đồng cho các nhiệm vụ khoa học và công nghệ.",
    "Chương trình chuyển đổi số của {province} đặt mục tiêu {n}% thủ tục hành chính trực tuyến.",
    "Đề tài đã đào tạo {n} kỹ thuật viên và chuyển giao quy trình cho nông dân huyện {district}.",
    "Mô hình ứng dụng tiến bộ kỹ thuật trong sản xuất {crop} tại {district} cho năng suất tăng "
    "{n}%.",
    "Đoàn công tác của {unit} đã làm việc với lãnh đạo huyện {district} về đổi mới sáng tạo.",
    "Hội thảo khởi nghiệp đổi mới sáng tạo tỉnh {province} năm {year} thu hút {n} doanh nghiệp.",
    "Sản phẩm {crop} {district} được cấp giấy chứng nhận nhãn hiệu tập thể.",
    "Đồng chí Giám đốc Sở đề nghị các đơn vị đẩy mạnh ứng dụng công nghệ thông tin và điện toán "
    "đám mây.",
    "Kết quả đề tài được đánh giá cao về tính thực tiễn, đạt loại Khá.",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hữu", "Ngọc", "Thanh"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
         "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phương", "Quân", "Thảo", "Trang", "Tuấn",
         "Vân", "Yến", "Đông", "Khoa", "Sơn", "Thắng"]  # fmt: skip
CATEGORIES = ["Tin tức - Sự kiện", "Hoạt động KH&CN", "Chuyển đổi số", "Sở hữu trí tuệ",
              "Tiêu chuẩn - Đo lường - Chất lượng", "Khởi nghiệp đổi mới sáng tạo",
              "Ứng dụng tiến bộ kỹ thuật", "Thông tin KH&CN", "An toàn bức xạ",
              "Văn bản - Chính sách"]  # fmt: skip
SITES = 40
AUTHORS = 300
TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'"
START, DAYS = date(2010, 1, 1), (date(2025, 12, 31) - date(2010, 1, 1)).days


@dataclass
class Corpus:
    """What articles are drawn from: real sentences and titles, and the fixed name lists."""

    sentences: list[str]
    titles: list[str]
    authors: list[str]
    sites: list[tuple[str, str]]  # slug, province


@dataclass
class Archive:
    """A built archive: where it is, how many articles, the planted terms' hit counts and
    (when it was built in this process) how long each step took."""

    path: Path
    articles: int
    hits: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)


def _real_text() -> tuple[list[str], list[str]]:
    bodies, titles = [], []
    for expected in sorted((ROOT / "tests" / "fixtures").glob("*/expected.toml")):
        for article in tomllib.loads(expected.read_text(encoding="utf-8"))["articles"]:
            bodies.append(article["body"])
            titles.append(article["title"])
    return bodies, titles


def corpus(seed: int = 7) -> Corpus:
    bodies, titles = _real_text()
    sentences = {
        sentence.strip()
        for body in bodies
        for sentence in re.split(r"(?<=[.!?…])\s+|\n+", body)
        if len(sentence.split()) >= 6 and not any(term in sentence.lower() for term in PLANTED)
    }
    rng = random.Random(seed)
    authors = sorted({f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                      for _ in range(AUTHORS * 3)})[:AUTHORS]  # fmt: skip
    sites = [(f"site{index:02d}.dost", province) for index, province in enumerate(PROVINCES)]
    return Corpus(sorted(sentences), titles, authors, sites[:SITES])


def _fill(template: str, rng: random.Random, province: str) -> str:
    return template.format(
        province=province, district=rng.choice(DISTRICTS), crop=rng.choice(CROPS),
        unit=rng.choice(UNITS), year=rng.randint(2010, 2025), n=rng.randint(2, 500),
    )  # fmt: skip


def _sentence(rng: random.Random, text: Corpus, province: str) -> str:
    if rng.random() < 0.25:
        return _fill(rng.choice(TEMPLATES), rng, province)
    return re.sub(r"\d+", lambda _: str(rng.randint(1, 300)), rng.choice(text.sentences))


def _body(rng: random.Random, text: Corpus, province: str, planted: list[str]) -> list[str]:
    """Paragraphs of 2-5 sentences up to 400-900 words, the planted sentences among them."""
    target = rng.randint(400, 900)
    sentences = [_fill(PLANTED[term][0], rng, province) for term in planted]
    words = sum(len(s.split()) for s in sentences)
    while words < target:
        sentence = _sentence(rng, text, province)
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        words += len(sentence.split())
    paragraphs, index = [], 0
    while index < len(sentences):
        step = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[index : index + step]))
        index += step
    return paragraphs


def _title(rng: random.Random, text: Corpus, province: str) -> str:
    words = rng.choice(text.titles).split()
    words += f"tại {province} năm {rng.randint(2010, 2025)}".split()
    while len(words) < 10:
        words += rng.choice(TEMPLATES).split()[:3]
    return " ".join(words[: rng.randint(10, 20)]).format(province=province).strip(" ,:")


def article(index: int, text: Corpus, rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    """One article row as the archive stores it, and the planted terms it carries."""
    slug, province = text.sites[index % len(text.sites)]
    planted = [term for term, (_, share) in PLANTED.items() if rng.random() < share]
    paragraphs = _body(rng, text, province, planted)
    published = datetime.combine(START + timedelta(days=rng.randint(0, DAYS)), datetime.min.time())
    published += timedelta(minutes=rng.randint(6 * 60, 20 * 60))
    title = _title(rng, text, province)
    fetched = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=index)
    row = {
        "url": f"https://{slug}.gov.vn/tin-tuc/{index}.html",
        "site": slug,
        "title": title,
        "summary": " ".join(paragraphs[0].split()[: rng.randint(30, 50)]),
        "published": published.isoformat() + "+07:00",
        "author": rng.choice(text.authors),
        "category": CATEGORIES[rng.randrange(len(CATEGORIES))],
        "province": province,
        "province_current": province,
        "body_text": "\n\n".join(paragraphs),
        "body_html": "".join(f"<p>{p}</p>" for p in paragraphs),
        "language": "vi",
        "methods": json.dumps({"title": "selector", "body": "selector"}),
        "warnings": "[]",
        "fetched_at": fetched.isoformat(),
    }
    return row, planted


def stored_row(row: dict[str, Any]) -> dict[str, Any]:
    """The columns archive.store adds on insert (hash, duplicate key, first/last seen)."""
    return {
        **row,
        "content_hash": content_hash(row),
        "image_count": 0,
        "same_article_key": same_article_key(row["title"], row["published"]),
        "first_seen": row["fetched_at"],
        "last_seen": row["fetched_at"],
    }


def archive_path(articles: int) -> Path:
    """The cached archive for this size, generator version and schema."""
    key = hashlib.sha256(
        f"{articles} {GENERATOR_VERSION}".encode() + Path(schema.__file__).read_bytes()
    ).hexdigest()[:12]
    return WORK / f"archive-{articles}-{key}" / "archive.db"


def _rows(articles: int, text: Corpus, hits: Counter[str], spent: list[float]) -> Iterator[dict]:
    rng = random.Random(20261125)
    for index in range(articles):
        start = time.perf_counter()
        row, planted = article(index, text, rng)
        hits.update(planted)
        row = {"id": index + 1, **stored_row(row)}
        spent[0] += time.perf_counter() - start
        yield row


def build(articles: int) -> Archive:
    """Generate and store ``articles`` articles in a fresh archive (old cached ones removed)."""
    path = archive_path(articles)
    for old in WORK.glob("archive-*"):
        shutil.rmtree(old)
    text, hits, generating = corpus(), Counter[str](), [0.0]
    db = open_db(path)
    db["sites"].insert_all(
        {"slug": s, "name": f"Sở KH&CN {p}", "province": p, "province_current": p}
        for s, p in text.sites
    )
    # A bulk load: no journal, and the FTS triggers dropped, then the index built in one pass
    # from its content view and the triggers put back as the schema made them.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    triggers = dict(db.execute(TRIGGERS).fetchall())
    for name in triggers:
        db.execute(f"DROP TRIGGER {name}")
    start = time.perf_counter()
    with db.conn:
        batch: list[dict[str, Any]] = []
        for row in _rows(articles, text, hits, generating):
            batch.append(row)
            if len(batch) == BATCH:
                _insert(db, batch)
                batch = []
        _insert(db, batch)
    timings = {"generate": generating[0]}
    timings["insert"] = time.perf_counter() - start - generating[0]
    start = time.perf_counter()
    with db.conn:
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        for sql in triggers.values():
            db.execute(sql)
    timings["index"] = time.perf_counter() - start
    start = time.perf_counter()
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    timings["analyze"] = time.perf_counter() - start
    (path.with_suffix(".json")).write_text(json.dumps({"articles": articles, "hits": hits}))
    return Archive(path, articles, dict(hits), timings)


def _insert(db: Database, rows: list[dict[str, Any]]) -> None:
    """Articles with their ids, and the article_urls row archive.store writes beside each."""
    db["articles"].insert_all(rows, batch_size=BATCH)
    db["article_urls"].insert_all(
        {key: r[key] for key in ("url", "site", "first_seen", "last_seen")}
        | {"article_id": r["id"]}
        for r in rows
    )


def cached(articles: int) -> Archive:
    """The archive of this size, built if it is not cached yet."""
    path = archive_path(articles)
    info = path.with_suffix(".json")
    if not (path.exists() and info.exists()):
        return build(articles)
    return Archive(path, articles, json.loads(info.read_text())["hits"])


def section(name: str) -> str:
    """The docs section to write: ``--before`` (taken off the command line) writes to
    ``<name>-before``, the same script run at a commit before a change, kept beside the
    current figures."""
    if "--before" in sys.argv:
        sys.argv.remove("--before")
        return f"{name}-before"
    return name


def measured_code() -> str:
    """The commit of the archive code and metadata.yml measured (and whether they had changes)."""
    paths = ["archive", "metadata.yml"]
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "log", "-1", "--format=%h", "--", *paths],
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    dirty = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", *paths]).returncode
    return f"archive/ and metadata.yml of commit {commit}" + (" + uncommitted changes" * dirty)
