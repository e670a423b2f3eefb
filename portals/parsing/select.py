"""CSS selectors compiled once: a site's selectors run on every page of a crawl, so each is
translated to XPath (parsel's translator, as ``Selector.css`` does) and compiled by lxml once."""

from __future__ import annotations

from functools import lru_cache

from cssselect import parse
from cssselect.xpath import XPathExpr
from lxml import etree
from parsel.csstranslator import HTMLTranslator


class _Translator(HTMLTranslator):
    """parsel's translator, with a cheap substring test before the exact class-token test:
    libxml2 then builds the ``normalize-space`` string only for elements that can match
    (selection ~20% faster; the same elements, since a class token holds no whitespace)."""

    def xpath_attrib_includes(self, xpath: XPathExpr, name: str, value: str | None) -> XPathExpr:
        if value and not any(space in value for space in " \t\n\r\f"):
            xpath.add_condition(f"contains({name}, {self.xpath_literal(value)})")
        return super().xpath_attrib_includes(xpath, name, value)

    def css_to_xpath(self, css: str, prefix: str = "descendant-or-self::") -> str:
        """A selector group's simple selectors (no combinator: ``.a, [class*=b], h2.c``) as
        one predicate: libxml2 then walks the tree once for all of them, not once each (the
        same elements, in the same document order)."""
        simple: list[XPathExpr] = []
        others: list[str] = []
        for selector in parse(css):
            expr = None if selector.pseudo_element else self.xpath(selector.parsed_tree)
            if expr is not None and not expr.path:
                simple.append(expr)
            else:
                others.append(self.selector_to_xpath(selector, prefix, True))
        if len(simple) < 2:
            return super().css_to_xpath(css, prefix)
        merged = f"{prefix}*[{' or '.join(_test(expr) for expr in simple)}]"
        return " | ".join([merged, *others])


def _test(expr: XPathExpr) -> str:
    """The element test and condition of a simple selector, as one predicate."""
    parts = [f"self::{expr.element}"] if expr.element != "*" else []
    parts += [f"({expr.condition})"] if expr.condition else []
    return f"({' and '.join(parts)})" if parts else "true()"


_TRANSLATOR = _Translator()


@lru_cache(maxsize=1024)
def compiled(css: str) -> etree.XPath:
    """The lxml XPath of a CSS selector, compiled once per process."""
    return etree.XPath(_TRANSLATOR.css_to_xpath(css))


def select(root: etree._Element, css: str) -> list[etree._Element]:
    """The elements under ``root`` that ``css`` matches, in document order."""
    return compiled(css)(root)


class PageSelection:
    """Selection on one page that does not change meanwhile (a site's title, date, body...
    selectors on the page it parses). Selectors that open with the same compound
    (".ArticleDetail .PostDate", ".ArticleDetail h1") find that element once and look only
    inside it: the page is walked once for all of them, not once each."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._scopes: dict[str, list[etree._Element]] = {}

    def __call__(self, css: str) -> list[etree._Element]:
        """What ``select(self.root, css)`` gives: the same elements in document order."""
        split = scope_split(css)
        if split is None:
            return select(self.root, css)
        scope, rest = split
        if scope not in self._scopes:
            self._scopes[scope] = _outermost(select(self.root, scope))
        inside = compiled_inside(rest)
        return [found for element in self._scopes[scope] for found in inside(element)]


@lru_cache(maxsize=1024)
def scope_split(css: str) -> tuple[str, str] | None:
    """``".a .b > p"`` -> (".a", ".b > p"): the first compound of a selector and what must lie
    inside it; None for a group, one compound, or an opening this does not read."""
    parts = css.strip().split(None, 1)
    if len(parts) != 2 or "," in css or any(c in parts[0] for c in "[]():\"'>+~*"):
        return None
    if parts[1][0] in ">+~":
        return None
    return parts[0], parts[1]


@lru_cache(maxsize=1024)
def compiled_inside(css: str) -> etree.XPath:
    """The XPath of the elements ``css`` matches strictly inside the context element."""
    return etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="descendant::"))


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements not inside an earlier one (document order kept): the matches inside a
    nested one are among its container's."""
    kept: list[etree._Element] = []
    for element in elements:
        if not kept or not any(a is kept[-1] for a in element.iterancestors()):
            kept.append(element)
    return kept
