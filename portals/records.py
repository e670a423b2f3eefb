"""Items as the archive's rows: what the archive pipeline and `khcn reparse` both store."""

from __future__ import annotations

from typing import Any

from portals.items import Article
from portals.registry import Site


def site_record(site: Site) -> dict[str, Any]:
    return {
        "slug": site.slug,
        "name": site.name,
        "department": site.department,
        "province": site.province,
        "province_current": site.province_current,
        "homepage": site.homepage,
        "platform": site.platform,
        "status": site.status,
        "notes": site.notes,
    }


def article_record(article: Article, site: Site) -> dict[str, Any]:
    """The archive's row for an article: plain JSON-able values, ISO 8601 times."""
    record = article.to_dict()
    record["province"] = site.province_at(article.published)
    record["province_current"] = site.province_current
    return record
