"""Structured metadata a page declares about itself: JSON-LD first, then OpenGraph and meta tags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from parsel import Selector

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


def read_meta(page: Selector) -> PageMeta:
    """JSON-LD values win over OpenGraph/article:* tags, which win over plain meta names."""
    ld = _json_ld_article(page)

    def pick(ld_key: str, *meta_keys: str) -> tuple[str, str] | None:
        value = ld.get(ld_key)
        if ld_key == "author":
            value = _author_name(value)
        if isinstance(value, str) and squash(value):
            return squash(value), "json-ld"
        for key in meta_keys:
            content = page.xpath(
                f'//meta[@property="{key}" or @name="{key}" or @itemprop="{key}"]/@content'
            ).get()
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
        canonical=page.xpath('//link[@rel="canonical"]/@href').get(),
    )


def _json_ld_article(page: Selector) -> dict:
    for raw in page.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
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
