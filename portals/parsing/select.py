"""CSS selectors compiled once: a site's selectors run on every page of a crawl, so each is
translated to XPath (parsel's translator, as ``Selector.css`` does) and compiled by lxml once."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree
from parsel.csstranslator import css2xpath


@lru_cache(maxsize=1024)
def compiled(css: str) -> etree.XPath:
    """The lxml XPath of a CSS selector, compiled once per process."""
    return etree.XPath(css2xpath(css))


def select(root: etree._Element, css: str) -> list[etree._Element]:
    """The elements under ``root`` that ``css`` matches, in document order."""
    return compiled(css)(root)


def text_of(element: etree._Element) -> str:
    """All the text of an element (XPath ``string()``), unsquashed."""
    return "".join(element.itertext())
