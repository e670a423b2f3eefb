"""Site definitions: one TOML file per site in portals/sites/, loaded into frozen dataclasses."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, get_args
from urllib.parse import urlsplit

Status = Literal["live", "frozen", "redirected", "gone"]
PagerKind = Literal["query", "path", "next-link", "postback", "load-article", "none"]
# 1 July 2025: 63 provinces became 34. An article published since belongs to the new province.
PROVINCE_MERGER = date(2025, 7, 1)


class SiteError(ValueError):
    """A site definition that is missing a field or has a wrong value."""


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for a site's listing and article pages. ``None`` means: use the fallback."""

    listing_links: str | None = None
    next_page: str | None = None
    title: str | None = None
    date: str | None = None
    summary: str | None = None
    category: str | None = None
    author: str | None = None
    body: str | None = None
    drop: tuple[str, ...] = ()

    def over(self, defaults: Selectors) -> Selectors:
        """These selectors, with ``defaults`` (a platform's) wherever one is not set; the
        widgets to drop add up."""
        merged = {
            f.name: getattr(self, f.name) or getattr(defaults, f.name)
            for f in fields(self)
            if f.name != "drop"
        }
        return Selectors(**merged, drop=(*defaults.drop, *self.drop))


@dataclass(frozen=True)
class Pagination:
    """How listing pages follow each other; the kinds are explained in
    docs/adding-a-portal.md and implemented in portals/parsing/pagination.py."""

    kind: PagerKind | None = None  # None: the platform's usual pager
    param: str = "page"
    template: str = "{url}/page-{n}"
    max_pages: int = 200


@dataclass(frozen=True)
class Site:
    """One portal, as declared in its TOML file."""

    slug: str
    name: str
    department: str
    province: str
    province_current: str
    homepage: str
    hosts: tuple[str, ...]
    platform: str
    status: Status
    listing_urls: tuple[str, ...]
    article_url_pattern: str
    language: str = "vi"
    date_order: Literal["dmy", "mdy"] = "dmy"
    min_links_per_listing: int = 1
    notes: str = ""
    pagination: Pagination = field(default_factory=Pagination)
    selectors: Selectors = field(default_factory=Selectors)
    unregistered: bool = False  # no definition: read by the generic path (khcn crawl --url)

    def owns(self, url: str) -> bool:
        """True when the URL is on one of this site's hosts."""
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def is_article_url(self, url: str) -> bool:
        """True when the URL has the site's article shape (any URL of the site when no pattern
        is declared: the generic path then tells articles from other pages)."""
        return re.match(self.article_url_pattern, url) is not None

    def province_at(self, published: datetime | None) -> str:
        """The province an article belonged to when it was published."""
        if published is not None and published.date() >= PROVINCE_MERGER:
            return self.province_current
        return self.province


def parse_site(data: dict) -> Site:
    """Build a Site from the decoded TOML of one definition, with a clear error when it is wrong."""
    data = dict(data)
    try:
        data["hosts"] = tuple(h.lower() for h in data["hosts"])
        data["listing_urls"] = tuple(data["listing_urls"])
        data["pagination"] = Pagination(**data.get("pagination", {}))
        selectors = dict(data.get("selectors", {}))
        selectors["drop"] = tuple(selectors.get("drop", ()))
        data["selectors"] = Selectors(**selectors)
        data["notes"] = data.get("notes", "").strip()
        site = Site(**data)
        re.compile(site.article_url_pattern)
    except (KeyError, TypeError, re.error) as exc:
        raise SiteError(f"site {data.get('slug', '?')!r}: {exc}") from exc
    if site.status not in ("live", "frozen", "redirected", "gone"):
        raise SiteError(f"site {site.slug!r}: unknown status {site.status!r}")
    from portals.platforms import PLATFORMS  # the families are the adapters there

    if site.platform not in PLATFORMS:
        raise SiteError(f"site {site.slug!r}: unknown platform {site.platform!r}")
    if site.pagination.kind not in (None, *get_args(PagerKind)):
        raise SiteError(f"site {site.slug!r}: unknown pagination kind {site.pagination.kind!r}")
    return site


SITES_PATH = "KHCN_SITES_PATH"  # more folders of site definitions, os.pathsep-separated


@cache
def all_sites() -> dict[str, Site]:
    """Every site defined in portals/sites/*.toml, and in the folders named by the
    KHCN_SITES_PATH environment variable (an operator's own definitions), by slug. An
    operator's definition replaces the bundled one of the same slug (a definition repaired
    with `khcn doctor` is kept there, not in the installed package); two operator folders
    defining one slug are an error."""
    bundled = resources.files("portals.sites")
    folders = [bundled, *(Path(f) for f in os.environ.get(SITES_PATH, "").split(os.pathsep) if f)]
    sites: dict[str, Site] = {}
    defined_in: dict[str, object] = {}
    for folder in folders:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                site = parse_site(tomllib.loads(entry.read_text(encoding="utf-8")))
                if site.slug != entry.name.removesuffix(".toml"):
                    raise SiteError(f"{entry.name}: slug {site.slug!r} must match the file name")
                if defined_in.get(site.slug, bundled) is not bundled:
                    raise SiteError(f"{entry}: site {site.slug!r} is defined twice")
                sites[site.slug], defined_in[site.slug] = site, folder
    return sites


def get_site(slug: str) -> Site:
    try:
        return all_sites()[slug]
    except KeyError:
        known = ", ".join(sorted(all_sites()))
        raise SiteError(f"unknown site {slug!r}; known sites: {known}") from None


def site_for_url(url: str) -> Site | None:
    """The registered site serving this URL's host, if any."""
    return next((s for s in all_sites().values() if s.owns(url)), None)
