"""CMS families. Each module here is one family's adapter: what every site on that software
shares (default selectors, boilerplate widgets, the usual pager, the marks that identify it).
A site definition names its family; a page of an unregistered host is matched to a family by
``detect_platform``. Site selectors always win over the family's."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from portals.parsing.pages import ListingPage, PageRequest
from portals.registry import PagerKind, Selectors, Site

# A family's own pager: the request for page ``number`` after ``page``, or None.
Paginate = Callable[[ListingPage, int, Selectors], PageRequest | None]


def _as_served(text: str) -> str:
    return text


@dataclass(frozen=True)
class Platform:
    """One CMS family."""

    name: str
    label: str
    pager: PagerKind = "none"
    paginate: Paginate | None = None  # the family's own pager, for ``pager`` (postback, ...)
    listing_markup: Callable[[str], str] = _as_served  # a listing answer -> its HTML
    feeds: Callable[[str], list[str]] | None = None  # a listing URL -> its usual feed URLs
    selectors: Selectors = field(default_factory=Selectors)
    # Regexes searched in the page HTML and URL; ``min_marks`` of them identify the family.
    marks: tuple[str, ...] = ()
    min_marks: int = 1

    def __post_init__(self) -> None:
        # Marks are matched case-insensitively by lower-casing both sides (re.IGNORECASE is ~6x
        # slower on whole pages); an upper-case escape (\S, \W, \D, \B) would change meaning.
        for mark in self.marks:
            if re.search(r"\\[A-Z]", mark):
                raise ValueError(f"{self.name}: mark {mark!r} has an upper-case escape")

    def marks_in(self, lowered_text: str) -> int:
        """How many of the family's marks the (lower-cased) page text carries."""
        return sum(1 for mark in _lowered(self.marks) if mark.search(lowered_text))


@cache
def _lowered(marks: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(mark.lower()) for mark in marks)


def _load() -> dict[str, Platform]:
    from portals.platforms import (
        aspnet,
        custom,
        dnn,
        liferay,
        nukeviet,
        sharepoint,
        uiarticleinmenu,
        websphere,
    )

    # Most specific first: SharePoint, DNN and UIArticleInMenu pages are ASP.NET pages too.
    ordered = [websphere, liferay, sharepoint, uiarticleinmenu, dnn, nukeviet, aspnet, custom]
    return {module.PLATFORM.name: module.PLATFORM for module in ordered}


PLATFORMS: dict[str, Platform] = _load()
# The pagers CMS families bring, by the name site definitions give them.
PAGERS: dict[str, Paginate] = {p.pager: p.paginate for p in PLATFORMS.values() if p.paginate}


def platform_of(site: Site) -> Platform:
    return PLATFORMS[site.platform]


def selectors_for(site: Site) -> Selectors:
    """The site's selectors over its family's defaults."""
    return site.selectors.over(platform_of(site).selectors)


def detect_platform(html: str, url: str = "") -> Platform | None:
    """The family whose marks the page carries (None: no known family, use the generic
    extractor alone)."""
    text = f"{url}\n{html}".lower()
    for platform in PLATFORMS.values():
        if platform.marks and platform.marks_in(text) >= platform.min_marks:
            return platform
    return None
