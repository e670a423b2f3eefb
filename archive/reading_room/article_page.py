"""An article as the reading room shows it: the stored row, its body with every image in its
place (the archived file, the caption under it), its earlier versions and what changed, and a
line to cite it. Pure functions over a sqlite3 connection."""

from __future__ import annotations

import difflib
import json
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from archive.render import ARCHIVED_IMAGES, shown_html

CAPTION_HOLDERS = ("p", "em", "i", "b", "strong", "span", "small", "td", "div", "figcaption")
NOT_ARCHIVED = "Ảnh chưa được lưu · Image not archived"
MAX_CHANGED_PARAGRAPHS = 12


@dataclass(frozen=True)
class Change:
    """What one earlier version said differently from the version that replaced it."""

    version: dict[str, Any]
    fields: list[tuple[str, str, str]]  # (field, earlier, later) for short fields
    removed: list[str]  # paragraphs only the earlier version had
    added: list[str]  # paragraphs only the later version has


@dataclass(frozen=True)
class ArticleView:
    article: dict[str, Any]
    body_html: str
    images_elsewhere: list[dict[str, Any]]
    changes: list[Change]


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def load(conn: sqlite3.Connection, article_id: int) -> ArticleView | None:
    found = _rows(
        conn,
        "SELECT a.*, s.name AS site_name, s.homepage AS site_homepage, s.status AS site_status "
        "FROM articles a LEFT JOIN sites s ON s.slug = a.site WHERE a.id = ?",
        (article_id,),
    )
    if not found:
        return None
    article = found[0]
    images = _rows(
        conn, "SELECT * FROM images WHERE article_id = ? ORDER BY position", (article_id,)
    )
    body, elsewhere = body_with_images(article.get("body_html") or "", images)
    versions = _rows(
        conn,
        "SELECT * FROM article_versions WHERE article_id = ? ORDER BY replaced_at DESC, id DESC",
        (article_id,),
    )
    return ArticleView(article, body, elsewhere, changes(article, versions))


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _figure(image: dict[str, Any] | None, alt: str) -> HtmlElement:
    figure = lxml.html.Element("figure")
    if image and image.get("path"):
        img = lxml.html.Element("img", src=f"{ARCHIVED_IMAGES}{image['path']}", alt=alt)
        figure.append(img)
    else:
        missing = lxml.html.Element("small")
        missing.text = NOT_ARCHIVED
        figure.append(missing)
    caption = (image or {}).get("caption")
    if caption:
        figcaption = lxml.html.Element("figcaption")
        figcaption.text = caption
        figure.append(figcaption)
    return figure


def _replace(element: HtmlElement, new: HtmlElement) -> None:
    new.tail = element.tail
    element.getparent().replace(element, new)


def _drop_caption_copies(root: HtmlElement, caption: str) -> None:
    """The portal printed the caption beside the image; it is now under the figure."""
    wanted = _folded(caption)
    for element in list(root.iter(*CAPTION_HOLDERS)):
        if element.getparent() is None or element.tag == "figcaption":
            continue
        if _folded(element.text_content()) == wanted and element.find(".//figure") is None:
            element.drop_tree()
    for br in root.iter("br"):  # "<img><br>Caption" in one paragraph
        if br.tail and _folded(br.tail) == wanted:
            br.tail = None


def body_with_images(
    body_html: str, images: list[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """The stored body with each <img> replaced by a figure of its archived file and caption;
    the images the body does not show (listed by the parser elsewhere on the page) apart."""
    if not body_html.strip():
        return "", images
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    by_url = {image["url"]: image for image in images}
    placed: set[str] = set()
    for img in list(root.iter("img")):
        src = img.get("src") or ""
        image = by_url.get(src)
        _replace(img, _figure(image, img.get("alt") or (image or {}).get("alt") or ""))
        if image:
            placed.add(src)
            if image.get("caption"):
                _drop_caption_copies(root, image["caption"])
    for paragraph in list(root.iter("p")):
        if not paragraph.text_content().strip() and not len(paragraph):
            paragraph.drop_tree()
    inner = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return str(shown_html(inner)), [image for image in images if image["url"] not in placed]


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


SHORT_FIELDS = ("title", "published", "author", "author_org", "source", "category", "summary")


def changes(current: dict[str, Any], versions: list[dict[str, Any]]) -> list[Change]:
    """Each earlier version, newest first, against the version that replaced it."""
    found, later = [], current
    for version in versions:
        fields = [
            (name, version.get(name) or "", later.get(name) or "")
            for name in SHORT_FIELDS
            if (version.get(name) or "") != (later.get(name) or "")
        ]
        before, after = _paragraphs(version.get("body_text")), _paragraphs(later.get("body_text"))
        diff = list(difflib.ndiff(before, after))
        removed = [line[2:] for line in diff if line.startswith("- ")][:MAX_CHANGED_PARAGRAPHS]
        added = [line[2:] for line in diff if line.startswith("+ ")][:MAX_CHANGED_PARAGRAPHS]
        found.append(Change(version, fields, removed, added))
        later = version
    return found


def version_images(version: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        return json.loads(version.get("images") or "[]")
    except ValueError:
        return []


def citation(article: dict[str, Any], page_url: str, published: str, captured: str) -> str:
    """'Author. “Title”. Portal, 26/06/2024. URL (lưu trữ 27/06/2024: page URL).'"""
    parts = [f"{article['author']}." if article.get("author") else ""]
    parts.append(f"“{article['title']}”.")
    parts.append(
        f"{article.get('site_name') or article['site']}" + (f", {published}." if published else ".")
    )
    parts.append(f"{article['url']}")
    parts.append(f"(bản lưu · archived {captured}: {page_url})")
    return " ".join(part for part in parts if part)
