"""CSS selectors written for elements the generic path chose (the article list, the title, the
date line, the body region), so that an operator can save them in a site definition: the
shortest selector of ids and class names that picks the element first on its page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

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


def links_css(
    containers: Sequence[_Element], anchors: Sequence[_Element], root: _Element
) -> list[str]:
    """Selectors that may pick the article links of a list, for the caller to check on the
    page, the least tied to the page's layout first (a page-2 fragment may hold the items
    without the list around them): the items' own class, then the list's selector (or the
    one naming every block of it, or their common ancestor's), each followed by the path to
    the links (``h3 a``: thumbnail and "Xem tiếp" links left out), or every such path where
    the items differ (a featured ``h2`` above ``h3`` items)."""
    if not containers or not anchors:
        return []
    holders = {a: _holder(containers, a) for a in anchors}
    paths = Counter(_path_below(holders[a], a) for a in anchors)
    bases: list[str] = []
    items = {_token(_child_towards(holders[a], a)) for a in anchors}
    if len(items) == 1 and "" not in items:
        bases.append(items.pop())
    own = [css_for(c, root) for c in containers]
    if all(own):
        bases.append(", ".join(dict.fromkeys(own)))
    named = [_token(c) for c in containers]
    if all(named):
        bases.append(", ".join(dict.fromkeys(named)))
    shared = common_ancestor(containers)
    if shared is not None and (css := css_for(shared, root)):
        bases.append(css)
    choices = [paths.most_common(1)[0][0], *([", ".join(paths)] if len(paths) > 1 else [])]
    found = []
    for base in bases:
        for path in choices:
            selector = ", ".join(f"{b} {p}" for b in base.split(", ") for p in path.split(", "))
            found.append(selector)
    return list(dict.fromkeys(found))


def _child_towards(container: _Element, anchor: _Element) -> _Element:
    """The child of ``container`` that holds ``anchor`` (the list item)."""
    node = anchor
    while node.getparent() is not None and node.getparent() is not container:
        node = node.getparent()
    return node


def _holder(containers: Sequence[_Element], anchor: _Element) -> _Element:
    ancestors = set(anchor.iterancestors())
    return next((c for c in containers if c in ancestors), containers[0])


def common_ancestor(elements: Sequence[_Element]) -> _Element | None:
    """The innermost element holding all of these."""
    common_chain = None
    for element in elements:
        chain = [element, *element.iterancestors()]
        common_chain = chain if common_chain is None else [e for e in common_chain if e in chain]
    return common_chain[0] if common_chain else None


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
