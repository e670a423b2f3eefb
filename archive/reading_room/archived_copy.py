"""The archived copy of an article: the page exactly as captured, read from its WARC record,
made safe to open (no script, no frame, no meta refresh, no request to the portal: images from
the archive's own files, other resources dropped) under a banner saying what it is."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner
from markupsafe import escape
from w3lib.encoding import html_to_unicode

from archive.render import ARCHIVED_IMAGES
from archive.warc import StoredResponse

# The browser enforces what the cleaning did: nothing but this server's images and inline styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
_CLEANER = Cleaner(
    scripts=True, javascript=True, comments=True, style=False, inline_style=False, links=True,
    meta=True, page_structure=False, processing_instructions=True, embedded=True, frames=True,
    forms=False, annoying_tags=False, remove_unknown_tags=False, safe_attrs_only=False,
)  # fmt: skip
URL_ATTRIBUTES = ("href", "action", "background", "poster", "formaction")


@dataclass(frozen=True)
class Banner:
    title: str
    url: str
    captured: str  # as shown
    article_href: str
    warc_href: str


def _decoded(response: StoredResponse) -> str:
    _, text = html_to_unicode(response.header("content-type"), response.body)
    return text


def _images(root: HtmlElement, page_url: str, archived: dict[str, str]) -> None:
    for img in root.iter("img"):
        source = urljoin(page_url, (img.get("src") or "").strip())
        img.attrib.pop("srcset", None)
        if source in archived:
            img.set("src", f"{ARCHIVED_IMAGES}{archived[source]}")
        else:
            img.attrib.pop("src", None)
            img.set("data-not-archived", source)


def _links(root: HtmlElement, page_url: str) -> None:
    for element in root.iter():
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None:
                element.set(attribute, urljoin(page_url, value.strip()))
        if element.tag == "form":
            element.attrib.pop("action", None)
        if element.tag == "a":
            element.set("rel", "noopener noreferrer nofollow")
            element.set("target", "_top")


def _banner(banner: Banner) -> HtmlElement:
    html = (
        '<div id="khcn-archive-banner" style="all:initial;display:block;position:sticky;top:0;'
        "z-index:2147483647;background:#fff8d6;border-bottom:2px solid #b58900;padding:8px 12px;"
        'font:15px/1.4 system-ui,sans-serif;color:#222">'
        "<strong>Bản lưu trữ · Archived copy</strong> — trang như đã thu thập lúc "
        f"{escape(banner.captured)} · the page as captured. Mã lệnh đã được gỡ bỏ; ảnh lấy từ "
        "kho lưu trữ · Scripts removed; images from the archive. "
        f'<a href="{escape(banner.article_href)}" style="color:#0645ad">Về bài viết · '
        "Back to the article</a> · "
        f'<a href="{escape(banner.url)}" rel="noopener noreferrer nofollow" style="color:#0645ad">'
        "Trang gốc · Original</a> · "
        f'<a href="{escape(banner.warc_href)}" style="color:#0645ad">Tệp WARC · WARC file</a>'
        "</div>"
    )
    return lxml.html.fragment_fromstring(html)


def render(response: StoredResponse, archived: dict[str, str], banner: Banner) -> str:
    """The captured page as a safe HTML document, banner first. ``archived`` maps image URLs to
    their files under /images/."""
    root = lxml.html.document_fromstring(_decoded(response))
    root = _CLEANER.clean_html(root)
    for base in root.iter("base"):
        base.drop_tree()
    _images(root, response.url, archived)
    _links(root, response.url)
    body = root.find("body")
    if body is None:
        body = lxml.html.Element("body")
        root.append(body)
    body.insert(0, _banner(banner))
    head = root.find("head")
    if head is not None:
        charset = lxml.html.Element("meta", charset="utf-8")
        head.insert(0, charset)
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode")
