"""CSS selectors written for elements the generic path chose (the article list, the title, the
date line, the body region), so that an operator can save them in a site definition: the
shortest selector of ids and class names that picks the element first on its page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lxml.etree import _Element

from portals.parsing.select import select

MAX_DEPTH = 6
# Class names that say nothing about a theme's structure (state, grid, alignment).
_WEAK_CLASS = re.compile(
    r"^(?:clearfix|clear|row|col(?:-\w+)*|active|selected|first|last|odd|even|left|right|"
    r"pull-\w+|text-\w+|hidden-\w+|visible-\w+|container(?:-fluid)?|fl|fr|cf)$"
)
_GENERATED_ID = re.compile(r"\d{4,}|^ctl\d|_ctl\d|[0-9a-f]{8}-[0-9a-f]{4}", re.IGNORECASE)


def css_for(element: _Element, root: _Element) -> str | None:
    """A selector whose first match under ``root`` is ``element``: its own tag, id or classes,
    narrowed by its nearest named ancestors until it is unambiguous. None when the element and
    its ancestors carry no usable name (a theme without class names)."""
    parts: list[str] = []
    node: _Element | None = element
    for _ in range(MAX_DEPTH):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html"):
            return None
        token = _token(node)
        if token or not parts:
            parts.insert(0, token or node.tag.lower())
        if token and _first_is(root, " ".join(parts), element):
            return " ".join(parts)
        node = node.getparent()
    return None


def _token(node: _Element) -> str:
    tag = node.tag.lower()
    ident = node.get("id") or ""
    if ident and re.fullmatch(r"[A-Za-z][\w-]*", ident) and not _GENERATED_ID.search(ident):
        return f"{tag}#{ident}"
    classes = [
        c for c in (node.get("class") or "").split() if re.fullmatch(r"-?[A-Za-z_][\w-]*", c)
    ]
    strong = [c for c in classes if not _WEAK_CLASS.match(c)]
    return tag + "".join(f".{c}" for c in strong[:2]) if strong else ""


def _first_is(root: _Element, css: str, element: _Element) -> bool:
    try:
        found = select(root, css)
    except Exception:  # an odd class name cssselect cannot translate
        return False
    return bool(found) and found[0] is element


def links_css(container: _Element, anchors: Iterable[_Element], root: _Element) -> str | None:
    """A selector for the article links of a list: the list's own selector, then the path from
    it to the links (``h3 a``), which leaves out the thumbnail and "Xem tiếp" links."""
    base = css_for(container, root)
    if base is None:
        return None
    steps = Counter(_path_below(container, anchor) for anchor in anchors)
    if not steps:
        return None
    path = steps.most_common(1)[0][0]
    return f"{base} {path}".strip()


def _path_below(container: _Element, anchor: _Element) -> str:
    """The anchor's nearest heading or named parent between it and the list, then ``a``."""
    node = anchor.getparent()
    while node is not None and node is not container:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"):
            return f"{tag} a"
        node = node.getparent()
    token = _token(anchor)
    return token if token.startswith("a.") else "a"


def common(selectors: Iterable[str | None]) -> str | None:
    """The selector most pages agree on (None when none was found on any page)."""
    found = Counter(s for s in selectors if s)
    return found.most_common(1)[0][0] if found else None
