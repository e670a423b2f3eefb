"""Shared test helpers: saved pages with their original URLs, and temporary archives."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from portals.spiders.portal import PortalSpider

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@dataclass(frozen=True)
class SavedPage:
    url: str
    html: str
    path: Path


def saved_pages(site: str) -> dict[str, SavedPage]:
    """Every saved page of a site's fixture folder, by file name, with its original URL."""
    folder = FIXTURES / site
    manifest = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    return {
        name: SavedPage(url, (folder / name).read_text(encoding="utf-8"), folder / name)
        for url, name in manifest["pages"].items()
    }


def saved_page(site: str, name: str) -> SavedPage:
    return saved_pages(site)[name]


def saved_response(site: str, name: str) -> HtmlResponse:
    """A saved page as Scrapy hands it to a callback, at its original URL (as City Bureau's
    ``file_response``): relative links resolve as they do live."""
    page = saved_page(site, name)
    return HtmlResponse(url=page.url, body=page.path.read_bytes(), encoding="utf-8")


def portal_spider(site: str, settings: dict | None = None) -> PortalSpider:
    """The spider of a site with a crawler (for its stats), but no engine and no network."""
    crawler = get_crawler(PortalSpider, settings or {})
    crawler.spider = PortalSpider.from_crawler(crawler, site=site)
    return crawler.spider


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"
