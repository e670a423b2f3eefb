"""Generic body finding for pages without working selectors: trafilatura names the main text,
and the body region is the smallest element that holds its first and last lines."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml.etree import _Element

from portals.parsing.text import squash

NEEDLE_CHARS = 40
MIN_LINE_CHARS = 25
LIST_MARKERS = ("- ", "* ", "• ")


@dataclass(frozen=True)
class MainText:
    """Where trafilatura's main text sits in the page."""

    region: _Element | None
    first_line: str
    last_line: str
    text: str


def find_main_text(root: _Element, html: str, url: str, title: str = "") -> MainText | None:
    """Locate the main text; None when trafilatura finds none.

    The region is bounded by the first and last *paragraph* lines of trafilatura's text: the
    title line and list items ("- …", often related-article lists after the body) are not
    used as bounds, so the region stops where the article's own prose stops."""
    text = trafilatura.extract(
        html, url=url, favor_precision=True, include_comments=False, include_tables=True
    )
    lines = [squash(line) for line in (text or "").splitlines()]
    lines = [
        line
        for line in lines
        if len(line) >= MIN_LINE_CHARS
        and not line.startswith(LIST_MARKERS)
        and not (title and line.startswith(title))
    ]
    if not lines:
        return None
    first, last = lines[0][:NEEDLE_CHARS], lines[-1][:NEEDLE_CHARS]
    body = root.find(".//body")
    start = body if body is not None else root
    region = _common_ancestor(_deepest_holding(start, first), _deepest_holding(start, last))
    if region is not None and region.tag in ("body", "html"):
        region = None
    return MainText(region=region, first_line=first, last_line=last, text=text or "")


def _deepest_holding(element: _Element, needle: str) -> _Element | None:
    """Descend from element to the deepest descendant whose text contains needle."""
    if needle not in squash(element.text_content()):
        return None
    descended = True
    while descended:
        descended = False
        for child in element:
            if isinstance(child.tag, str) and needle in squash(child.text_content()):
                element, descended = child, True
                break
    return element


def _common_ancestor(a: _Element | None, b: _Element | None) -> _Element | None:
    if a is None or b is None:
        return None
    # Compare elements, not id()s: lxml proxies are only stable while referenced.
    ancestors_of_a = [a, *a.iterancestors()]
    for candidate in (b, *b.iterancestors()):
        if any(candidate is ancestor for ancestor in ancestors_of_a):
            return candidate
    return None
