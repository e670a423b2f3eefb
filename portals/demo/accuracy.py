"""Scoring an extractor against the gold fields of the saved pages: the field-accuracy gate of
the tests and the accuracy benchmark read the same cases and the same metrics.

- title, author: exact match after white space folding ("" gold = the tool found none);
- date: the publication day (trafilatura gives no time), "" gold = no date found;
- captions: the list of captions of the body's images, in order, exactly; images: their count;
- body: the Zyte article-extraction-benchmark metric (research/extraction.md §2): word
  4-gram shingles of ``\\w+`` tokens, per-page precision and recall normalised so every page
  weighs the same, F1 of the mean precision and mean recall.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import trafilatura

from portals.demo.fixtures import GoldArticle, gold_articles, held_out_articles, saved_page
from portals.items import Article
from portals.parsing.article import ArticleParseError, parse_article
from portals.parsing.text import squash
from portals.registry import all_sites

FIELDS = ("title", "date", "author", "captions", "images", "body")


@dataclass(frozen=True)
class Extracted:
    title: str
    date: str
    author: str
    captions: list[str]
    images: int
    body: str


Extractor = Callable[[str, str, str | None], Extracted]


def ours(html: str, url: str, slug: str | None) -> Extracted:
    """Our extraction: the site definition when the host is registered, else detection."""
    try:
        article = parse_article(html, url, all_sites()[slug] if slug else None)
    except ArticleParseError:
        return Extracted("", "", "", [], 0, "")
    return _extracted(article, article.body_text)


def ours_as_unknown_host(html: str, url: str, slug: str | None) -> Extracted:
    """Our extraction as if no site were registered (family detection + generic fallback),
    scored against a registered site's gold: that gold's body starts after the lead box
    (docs/adding-a-portal.md §3), where the generic path keeps the lead as the first paragraph
    and as the summary. A first paragraph that is the summary read from a lead box (not from
    metadata, which often repeats the first paragraph) is left out of the body here."""
    try:
        article = parse_article(html, url, None)
    except ArticleParseError:
        return Extracted("", "", "", [], 0, "")
    paragraphs = article.body_text.split("\n\n")
    printed_lead = article.methods.get("summary") in ("selector", "lead-box")
    if printed_lead and len(paragraphs) > 1 and paragraphs[0] == squash(article.summary):
        paragraphs = paragraphs[1:]
    return _extracted(article, "\n\n".join(paragraphs))


def _extracted(article: Article, body: str) -> Extracted:
    return Extracted(
        title=article.title,
        date=article.published.date().isoformat() if article.published else "",
        author=article.author or "",
        captions=[image.caption or "" for image in article.images],
        images=len(article.images),
        body=body,
    )


def trafilatura_precision(html: str, url: str, slug: str | None) -> Extracted:
    """trafilatura 2.x with favor_precision, metadata on (it has no per-image captions; its
    image count is that of the images it keeps in its text when asked to)."""
    document = trafilatura.bare_extraction(html, url=url, favor_precision=True, with_metadata=True)
    if document is None:
        return Extracted("", "", "", [], 0, "")
    with_images = trafilatura.extract(html, url=url, favor_precision=True, include_images=True)
    return Extracted(
        title=document.title or "",
        date=document.date or "",
        author=document.author or "",
        captions=[],
        images=(with_images or "").count("!["),
        body=document.text or "",
    )


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def body_f1(pairs: Iterable[tuple[str, str]]) -> float:
    """AEB's F1: harmonic mean of the per-page-normalised mean precision and mean recall."""
    precisions, recalls = [], []
    for got, gold in pairs:
        got_shingles, gold_shingles = shingles(got), shingles(gold)
        tp = sum((got_shingles & gold_shingles).values())
        fp = sum((got_shingles - gold_shingles).values())
        fn = sum((gold_shingles - got_shingles).values())
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(extractor: Extractor, cases: list[tuple[GoldArticle, str, str, str | None]]) -> dict:
    """Per-field accuracy of one extractor over (gold, html, url, slug) cases."""
    hits: Counter[str] = Counter()
    bodies = []
    for gold, html, url, slug in cases:
        got = extractor(html, url, slug)
        expected = gold.fields
        hits["title"] += squash(got.title) == squash(expected["title"])
        hits["date"] += got.date == expected["published"][:10]
        hits["author"] += squash(got.author) == squash(expected["author"])
        hits["captions"] += got.captions == expected["captions"]
        hits["images"] += got.images == len(expected["captions"])
        bodies.append((got.body, expected["body"]))
    result = {field: hits[field] / len(cases) for field in FIELDS if field != "body"}
    result["body"] = body_f1(bodies)
    return result


def registered_cases() -> list[tuple[GoldArticle, str, str, str | None]]:
    return [
        (gold, page.html, page.url, gold.site)
        for gold in gold_articles()
        for page in [saved_page(gold.site, gold.file)]
    ]


def held_out_cases(folder: str = "_unregistered") -> list[tuple[GoldArticle, str, str, None]]:
    """Pages of unregistered hosts: the folder's ``manifest.toml`` gives their URLs."""
    return [
        (gold, page.html, page.url, None)
        for gold in held_out_articles(folder)
        for page in [saved_page(gold.site, gold.file)]
    ]
