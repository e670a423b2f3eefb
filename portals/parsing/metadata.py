"""Structured metadata a page declares about itself: JSON-LD first, then OpenGraph and meta tags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.etree import _Element

from portals.parsing.text import squash

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle"}


@dataclass(frozen=True)
class PageMeta:
    """Declared metadata; each value comes with the method that found it."""

    title: tuple[str, str] | None = None
    published: tuple[str, str] | None = None
    author: tuple[str, str] | None = None
    description: tuple[str, str] | None = None
    section: tuple[str, str] | None = None
    canonical: str | None = None


def read_meta(root: _Element) -> PageMeta:
    """JSON-LD values win over OpenGraph/article:* tags, which win over plain meta names."""
    ld: dict = {}
    tags: dict[str, str] = {}  # property / name / itemprop -> the first such tag's content
    canonical = None
    for element in root.iter("meta", "link", "script"):
        if element.tag == "meta":
            content = element.get("content")
            if content is not None:
                for attribute in ("property", "name", "itemprop"):
                    tags.setdefault(element.get(attribute), content)
        elif element.tag == "link":
            if canonical is None and element.get("rel") == "canonical":
                canonical = element.get("href")
        elif not ld and element.get("type") == "application/ld+json":
            ld = _json_ld_article(element.text or "")

    def pick(ld_key: str, *meta_keys: str) -> tuple[str, str] | None:
        value = ld.get(ld_key)
        if ld_key == "author":
            value = _author_name(value)
        if isinstance(value, str) and squash(value):
            return squash(value), "json-ld"
        for key in meta_keys:
            content = tags.get(key)
            if content and squash(content):
                return squash(content), "meta"
        return None

    return PageMeta(
        title=pick("headline", "og:title", "twitter:title"),
        published=pick(
            "datePublished",
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "dc.date",
            "DC.date.issued",
            "date",
        ),
        author=pick("author", "article:author", "author"),
        description=pick("description", "og:description", "description"),
        section=pick("articleSection", "article:section"),
        canonical=canonical,
    )


def _json_ld_article(raw: str) -> dict:
    """The first Article-typed node of one JSON-LD script, or ``{}``."""
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    for node in _nodes(data):
        types = node.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if types & ARTICLE_TYPES:
            return node
    return {}


def _nodes(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


def _author_name(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_author_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None
