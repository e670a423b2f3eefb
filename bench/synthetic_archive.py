"""A large synthetic archive for the storage, search and serving benchmarks, shaped like the
real one (bench/news_vocabulary.py):

- **Text**: the sentences of the real article bodies in tests/fixtures/*/expected.toml (numbers
  re-drawn) around the article's topic sentences; a topic phrase ("chuyển đổi số") is in about a
  tenth of the articles, the others fall off as a Zipf law, most articles carry none, and two
  rare words a few hundred articles or fewer. The real sentences keep one near-universal term,
  "khoa học" (the worst case of a search). Every hit count of a planted phrase is known: the
  real sentences and names that carry one are left out of the rest of the text.
- **Sizes**: bodies of log-normal length (median ~380 words, 60 to 2,500), as the CMS stores
  them (styled paragraphs, images with their captions); 0 to 6 images an article.
- **Where and when**: ~60 sites of 56 of the 63 provinces before July 2025 (a Sở each, four
  information centres), their province then and now (34 provinces); sites of very different
  sizes, each publishing from its start year (2010-2016) to October 2026, more each year; those
  of provinces merged away stop on 30 June 2025. Categories by topic or Zipf-like, authors per
  site. A thousand articles have their page captured in WARC; every site has 60 crawl runs.

Seeded and deterministic (only the WARC file's name and record ids carry the build time). Built
with the real schema (archive.db.open_db), written only through sqlite-utils; cached under
bench/.work/ by a key of its size, this generator's version and the schema's migrations, so
bench/serving.py reuses what bench/storage_search.py built.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archive import migrations as schema
from archive.db import open_db, warc_folder
from archive.search import fold_for_matching
from archive.store import content_hash, same_article_key
from archive.warc import WarcFolder
from bench import news_vocabulary as vocab

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / ".work"
GENERATOR_VERSION = "3"
BATCH = 1000
# Only the search index's triggers are dropped for the bulk load (the index is then built in
# one pass); any other trigger on articles keeps its tables in step row by row.
FTS_TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles' "
    "AND name LIKE 'articles_fts_%'"
)
LAST_DAY = date(2026, 10, 31)
WORDS_MEDIAN, WORDS_SIGMA, WORDS_MIN, WORDS_MAX = 380, 0.5, 60, 2500
IMAGE_COUNTS = (0, 1, 1, 1, 2, 2, 3, 0, 1, 2, 4, 6)  # drawn uniformly: mostly one or two
NO_AUTHOR = 0.25
CAPTURE_EVERY = 200  # one article in this many has its page in WARC
RUNS_PER_SITE = 60


@dataclass(frozen=True)
class Site:
    slug: str
    name: str
    province: str  # before the merger
    province_now: str
    start: date
    end: date
    weight: float
    authors: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    phrase: str
    sentences: tuple[str, ...]  # templates and the real sentences carrying the phrase
    title: str
    category: str
    main: float  # share of articles about it
    mention: float  # share of the others that mention it


@dataclass
class Corpus:
    """What articles are drawn from: real sentences and titles without any planted phrase, the
    topics, the sites."""

    sentences: list[str]
    titles: list[str]
    topics: list[Topic]
    sites: list[Site]
    site_weights: list[float] = field(default_factory=list)


@dataclass
class Archive:
    """A built archive: where it is, how many articles, the planted phrases' hit counts and
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


def planted_phrases() -> list[str]:
    return [phrase for phrase, *_ in vocab.TOPICS] + list(vocab.RARE)


def phrases_in(text: str, phrases: Sequence[str]) -> set[str]:
    """The phrases a search would find in ``text``: folded token runs, as FTS5 matches them."""
    folded = f" {fold_for_matching(text)} "
    return {p for p in phrases if f" {fold_for_matching(p)} " in folded}


def _check_exclusive(phrases: Sequence[str]) -> None:
    """Every template and name carries no planted phrase but its own: hit counts stay known."""
    for phrase, sentences, title, _ in vocab.TOPICS:
        for template in (*sentences, title):
            found = phrases_in(re.sub(r"\{\w+\}", " ", template), phrases)
            if found - {phrase} or (template != title and phrase not in found):
                raise ValueError(f"topic {phrase!r}: template {template!r} carries {found}")
    names = (*vocab.OPENINGS, *vocab.TITLES, *vocab.DISTRICTS, *vocab.CROPS, *vocab.UNITS,
             *vocab.PROVINCE_NOW, *vocab.CAPTIONS)  # fmt: skip
    for name in names:
        if found := phrases_in(re.sub(r"\{\w+\}", " ", name), phrases):
            raise ValueError(f"{name!r} carries planted phrases {found}")


def _sites(rng: random.Random) -> list[Site]:
    people = sorted({f"{a} {b} {c}" for a in vocab.SURNAMES for b in vocab.MIDDLE
                     for c in vocab.GIVEN})  # fmt: skip
    sites = []
    crawled = [p for p in vocab.PROVINCE_NOW if p not in vocab.NOT_CRAWLED]
    for province in crawled + [f"centre:{p}" for p in vocab.CENTRES]:
        centre = province.startswith("centre:")
        province = province.removeprefix("centre:")
        now = vocab.PROVINCE_NOW[province]
        key = fold_for_matching(province).replace(" ", "")
        kind = "thành phố" if province in vocab.CITIES or now in vocab.CITIES else "tỉnh"
        place = province.replace("TP. ", "")
        name = (f"Trung tâm Thông tin và Thống kê KH&CN {place}" if centre
                else f"Sở Khoa học và Công nghệ {kind} {place}")  # fmt: skip
        merged_away = vocab.PROVINCES_NOW[now][0] != province
        sites.append(Site(
            slug=f"{key}_{'ttkhcn' if centre else 'skhcn'}", name=name, province=province,
            province_now=now, start=date(rng.randint(2010, 2016), rng.randint(1, 12), 1),
            end=vocab.MERGED_ON - timedelta(days=1) if merged_away else LAST_DAY,
            weight=rng.lognormvariate(0, 0.7) * (0.4 if centre else 1.0),
            authors=tuple(rng.sample(people, rng.randint(5, 15))),
        ))  # fmt: skip
    return sites


def corpus(seed: int = 7) -> Corpus:
    phrases = planted_phrases()
    _check_exclusive(phrases)
    bodies, titles = _real_text()
    real = sorted({
        sentence.strip()
        for body in bodies
        for sentence in re.split(r"(?<=[.!?…])\s+|\n+", body)
        if len(sentence.split()) >= 6
    })  # fmt: skip
    carrying = {s: phrases_in(s, phrases) for s in real}
    topics = []
    for rank, (phrase, templates, title, category) in enumerate(vocab.TOPICS, start=1):
        share = vocab.TOPIC_SHARE / rank**vocab.TOPIC_FALL
        own = tuple(s for s in real if carrying[s] == {phrase})
        topics.append(Topic(phrase, (*templates, *own), title, category,
                            main=share * (1 - vocab.MENTION_SHARE),
                            mention=share * vocab.MENTION_SHARE))  # fmt: skip
    rng = random.Random(seed)
    sites = _sites(rng)
    return Corpus(
        sentences=[s for s in real if not carrying[s]],
        titles=sorted({t for t in titles if not phrases_in(t, phrases)}),
        topics=topics,
        sites=sites,
        site_weights=[s.weight for s in sites],
    )


def _number(rng: random.Random) -> str:
    """Numbers as news prints them: counts and sizes over several orders of magnitude."""
    return str(int(10 ** rng.uniform(0, 4.3)))


def _fill(template: str, rng: random.Random, site: Site, day: date) -> str:
    return template.format(
        place=site.province.replace("TP. ", "thành phố "), district=rng.choice(vocab.DISTRICTS),
        crop=rng.choice(vocab.CROPS), unit=rng.choice(vocab.UNITS), n=_number(rng),
        year=day.year, day=day.day, day2=min(28, day.day + 1), month=day.month,
        person=rng.choice(site.authors),
    )  # fmt: skip


def _background(rng: random.Random, text: Corpus) -> str:
    return re.sub(r"\d+", lambda _: _number(rng), rng.choice(text.sentences))


def _topics(rng: random.Random, text: Corpus) -> tuple[Topic | None, list[Topic]]:
    """The article's main topic (or none) and the topics it mentions in passing."""
    draw, main = rng.random(), None
    for topic in text.topics:
        if draw < topic.main:
            main = topic
            break
        draw -= topic.main
    mentioned = [t for t in text.topics if t is not main and rng.random() < t.mention]
    return main, mentioned


def _published(rng: random.Random, site: Site) -> datetime:
    """A day of the site's run, later days likelier (portals publish more each year)."""
    span = (site.end - site.start).days
    share = rng.random() if rng.random() < 0.3 else math.sqrt(rng.random())
    day = site.start + timedelta(days=int(span * share))
    return datetime.combine(day, datetime.min.time()) + timedelta(
        minutes=rng.randint(6 * 60, 20 * 60)
    )


def _body(
    rng: random.Random, text: Corpus, site: Site, day: date, main: Topic | None,
    extra: list[str],
) -> list[str]:  # fmt: skip
    """Paragraphs: an opening, the main topic's sentences spread through, the planted
    sentences, real sentences up to a log-normal length."""
    target = int(rng.lognormvariate(math.log(WORDS_MEDIAN), WORDS_SIGMA))
    target = max(WORDS_MIN, min(WORDS_MAX, target))
    opening = rng.choice(main.sentences if main else vocab.OPENINGS)
    sentences = [_fill(opening, rng, site, day)]
    if main:
        extra = [rng.choice(main.sentences) for _ in range(1 + target // 250)] + extra
    words = len(sentences[0].split())
    body = [_fill(s, rng, site, day) for s in extra]
    words += sum(len(s.split()) for s in body)
    while words < target:
        sentence = _background(rng, text)
        body.append(sentence)
        words += len(sentence.split())
    rng.shuffle(body)
    sentences += body
    paragraphs, index = [], 0
    while index < len(sentences):
        step = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[index : index + step]))
        index += step
    return paragraphs


def _title(rng: random.Random, text: Corpus, site: Site, day: date, main: Topic | None) -> str:
    if main and rng.random() < 0.6:
        return _fill(main.title, rng, site, day)
    if rng.random() < 0.5:
        return _fill(rng.choice(vocab.TITLES), rng, site, day)
    return rng.choice(text.titles)


def _category(rng: random.Random, main: Topic | None) -> str | None:
    if rng.random() < vocab.NO_CATEGORY:
        return None
    if main and rng.random() < 0.7:
        return main.category
    weights = [1 / rank for rank in range(1, len(vocab.CATEGORIES) + 1)]
    return rng.choices(vocab.CATEGORIES, weights)[0]


def _html(paragraphs: list[str], images: list[dict[str, Any]], author: str | None) -> str:
    """The body as a provincial CMS stores it: styled paragraphs, each image centred with its
    caption in italics under it, the byline right-aligned."""
    parts = [f'<p style="text-align: justify;">{p}</p>' for p in paragraphs]
    for position, image in reversed(list(enumerate(images))):
        figure = (
            f'<p style="text-align: center;"><img alt="" src="{image["url"]}" '
            'style="width: 600px; height: 400px;" /></p>'
            f'<p style="text-align: center;"><em>{image["caption"]}</em></p>'
        )
        parts.insert(min(len(parts), 1 + position * 3), figure)
    if author:
        parts.append(f'<p style="text-align: right;"><strong>{author}</strong></p>')
    return "".join(parts)


def _images(rng: random.Random, url: str, count: int) -> list[dict[str, Any]]:
    images = []
    for position in range(count):
        source = url.replace(".html", f"-anh-{position + 1}.jpg").replace("/tin-tuc/", "/uploads/")
        sha = hashlib.sha256(source.encode()).hexdigest()
        images.append({
            "position": position, "url": source, "caption": rng.choice(vocab.CAPTIONS),
            "alt": "", "sha256": sha, "path": f"{sha[:2]}/{sha}.jpg",
            "size": rng.randint(40_000, 400_000),
        })  # fmt: skip
    return images


def article(index: int, text: Corpus, rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    """One article row as the archive stores it (its images under ``images``), and the planted
    phrases it carries."""
    site = rng.choices(text.sites, text.site_weights)[0]
    published = _published(rng, site)
    day = published.date()
    main, mentioned = _topics(rng, text)
    rare = [term for term, (_, share) in vocab.RARE.items() if rng.random() < share]
    extra = [rng.choice(t.sentences) for t in mentioned] + [vocab.RARE[t][0] for t in rare]
    paragraphs = _body(rng, text, site, day, main, extra)
    url = f"https://{site.slug.replace('_', '.')}.gov.vn/tin-tuc/{index}.html"
    author = rng.choice(site.authors) if rng.random() > NO_AUTHOR else None
    images = _images(rng, url, rng.choice(IMAGE_COUNTS))
    fetched = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=index)
    row = {
        "url": url,
        "site": site.slug,
        "title": _title(rng, text, site, day, main),
        "summary": " ".join(paragraphs[0].split()[: rng.randint(25, 55)]),
        "published": published.isoformat() + "+07:00",
        "author": author,
        "category": _category(rng, main),
        "province": site.province if day < vocab.MERGED_ON else site.province_now,
        "province_current": site.province_now,
        "body_text": "\n\n".join(paragraphs),
        "body_html": _html(paragraphs, images, author),
        "language": "vi",
        "methods": json.dumps({"title": "selector", "body": "selector"}),
        "warnings": "[]",
        "fetched_at": fetched.isoformat(),
        "images": images,
    }
    planted = [t.phrase for t in ([main] if main else []) + mentioned] + rare
    return row, planted


def stored_row(row: dict[str, Any]) -> dict[str, Any]:
    """The columns archive.store adds on insert (hash, duplicate key, first/last seen)."""
    stored = {key: value for key, value in row.items() if key != "images"}
    return {
        **stored,
        "content_hash": content_hash(row),
        "image_count": len(row["images"]),
        "same_article_key": same_article_key(row["title"], row["published"]),
        "first_seen": row["fetched_at"],
        "last_seen": row["fetched_at"],
    }


def archive_path(articles: int) -> Path:
    """The cached archive for this size, generator version and schema."""
    key = hashlib.sha256(
        f"{articles} {GENERATOR_VERSION}".encode()
        + Path(schema.__file__).read_bytes()
        + Path(vocab.__file__).read_bytes()
    ).hexdigest()[:12]
    return WORK / f"archive-{articles}-{key}" / "archive.db"


def _page(row: dict[str, Any], site: Site) -> bytes:
    """The article's page as its portal served it: menus, sidebars and footer around it."""
    menu = "".join(f'<li><a href="/chuyen-muc/{i}">{c}</a></li>'
                   for i, c in enumerate(vocab.CATEGORIES))  # fmt: skip
    titles = [re.sub(r"\{\w+\}", site.province, t) for t in vocab.TITLES * 5]
    others = "".join(
        f'<li><a href="/tin-tuc/{row["id"]}-{i}.html">{t}</a></li>' for i, t in enumerate(titles)
    )
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{row["title"]}</title><script src="/js/jquery.min.js"></script>
<script>var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
<link rel="stylesheet" href="/css/style.css"></head><body>
<div class="header"><img src="/images/banner.png" alt="{site.name}"><ul class="menu">{menu}</ul>
</div><div class="left"><ul class="tin-khac">{others}</ul></div>
<div class="detail"><h1 class="title">{row["title"]}</h1>
<div class="date">{row["published"][:10]}</div><div class="sapo">{row["summary"]}</div>
<div class="content">{row["body_html"]}</div></div>
<div class="footer">© {site.name} · Giấy phép số 12/GP-STTTT</div></body></html>""".encode()


def _rows(
    articles: int, text: Corpus, hits: Counter[str], spent: list[float], warcs: WarcFolder
) -> Iterator[dict[str, Any]]:
    rng = random.Random(20261125)
    sites = {site.slug: site for site in text.sites}
    for index in range(articles):
        start = time.perf_counter()
        row, planted = article(index, text, rng)
        hits.update(planted)
        row = {"id": index + 1, **stored_row(row), "images": row["images"]}
        spent[0] += time.perf_counter() - start
        if row["id"] % CAPTURE_EVERY == 0:
            capture = warcs.write(
                row["url"], "GET", {"User-Agent": "khcn-archive"}, b"", 200,
                [("Content-Type", "text/html; charset=utf-8")],
                _page(row, sites[row["site"]]), datetime.fromisoformat(row["fetched_at"]),
            )  # fmt: skip
            row |= {"warc_file": capture.file, "warc_offset": capture.offset,
                    "warc_record_id": capture.record_id}  # fmt: skip
        yield row


def _insert(db: Database, rows: list[dict[str, Any]]) -> None:
    """Articles with their ids, their images, and the article_urls row archive.store writes
    beside each."""
    db["articles"].insert_all(
        ({k: v for k, v in r.items() if k != "images"} for r in rows), batch_size=BATCH
    )
    db["images"].insert_all({"article_id": r["id"], **image} for r in rows for image in r["images"])
    db["article_urls"].insert_all(
        {key: r[key] for key in ("url", "site", "first_seen", "last_seen")}
        | {"article_id": r["id"]}
        for r in rows
    )


def _crawl_history(db: Database, text: Corpus) -> None:
    """Daily runs of every site up to the last day, a few degraded or failed, with their health
    checks and the pages they could not use."""
    rng = random.Random(11)
    for site in text.sites:
        for day in range(RUNS_PER_SITE):
            started = datetime.combine(LAST_DAY - timedelta(days=RUNS_PER_SITE - day),
                                       datetime.min.time(), UTC) + timedelta(hours=2)  # fmt: skip
            status = rng.choices(("ok", "degraded", "failed"), (90, 7, 3))[0]
            if site.end < LAST_DAY:
                status = "ok"  # a frozen site: nothing new, nothing wrong
            new = 0 if site.end < LAST_DAY or status == "failed" else rng.randint(0, 12)
            run_id = db["crawl_runs"].insert({
                "site": site.slug, "started": started.isoformat(),
                "finished": (started + timedelta(minutes=rng.randint(2, 40))).isoformat(),
                "status": status, "finish_reason": "finished",
                "pages_fetched": new * 2 + 3, "bytes_fetched": (new * 2 + 3) * 65_000,
                "articles_new": new, "articles_updated": rng.randint(0, 2),
                "articles_unchanged": 0, "articles_failed": 0 if status == "ok" else 3,
                "links_found": 20, "listing_pages": 1, "worker": "bench:1",
            }).last_pk  # fmt: skip
            level = {"ok": "ok", "degraded": "warning", "failed": "alert"}[status]
            problems = None if level == "ok" else "articles_failed"
            checked = started.isoformat()
            db["health"].insert({"run_id": run_id, "site": site.slug, "level": level,
                                 "checked_at": checked, "problems": problems})  # fmt: skip
            if status != "ok":
                db["crawl_failures"].insert_all(
                    {"run_id": run_id, "site": site.slug, "kind": "http-500", "detail": "500",
                     "url": f"https://{site.slug}.gov.vn/tin-tuc/loi-{day}-{n}.html"}
                    for n in range(3)
                )  # fmt: skip


def build(articles: int) -> Archive:
    """Generate and store ``articles`` articles in a fresh archive (old cached ones removed)."""
    path = archive_path(articles)
    for old in WORK.glob("archive-*"):
        shutil.rmtree(old)
    text, hits, generating = corpus(), Counter[str](), [0.0]
    db = open_db(path)
    db["sites"].insert_all(
        {"slug": s.slug, "name": s.name, "province": s.province, "province_current":
         s.province_now, "homepage": f"https://{s.slug.replace('_', '.')}.gov.vn/",
         "platform": "custom", "status": "live" if s.end == LAST_DAY else "frozen"}
        for s in text.sites
    )  # fmt: skip
    # A bulk load: no journal, and the FTS triggers dropped, then the index built in one pass
    # from its content view and the triggers put back as the schema made them.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    triggers = dict(db.execute(FTS_TRIGGERS).fetchall())
    for name in triggers:
        db.execute(f"DROP TRIGGER {name}")
    warcs = WarcFolder(warc_folder(path), prefix="bench")
    start = time.perf_counter()
    with db.conn:
        batch: list[dict[str, Any]] = []
        for row in _rows(articles, text, hits, generating, warcs):
            batch.append(row)
            if len(batch) == BATCH:
                _insert(db, batch)
                batch = []
        _insert(db, batch)
        _crawl_history(db, text)
    warcs.close()
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
    current figures; ``--before=LABEL`` to ``<name>-before-LABEL`` (several changes apart)."""
    for argument in sys.argv[1:]:
        if argument == "--before" or argument.startswith("--before="):
            sys.argv.remove(argument)
            label = argument.partition("=")[2]
            return f"{name}-before" + (f"-{label}" if label else "")
    return name


def measured_code() -> str:
    """The commit of the archive code and metadata.yml measured (and whether they had changes)."""
    paths = ["archive", "metadata.yml"]
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "log", "-1", "--format=%h", "--", *paths],
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    dirty = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", *paths]).returncode
    return f"archive/ and metadata.yml of commit {commit}" + (" + uncommitted changes" * dirty)
