"""What the archive holds at a glance: articles per month per province (the home page), one
site's articles and crawl history (its page), and every site's crawl status (the operator's
page). Pure functions over a sqlite3 connection."""

from __future__ import annotations

import sqlite3
from typing import Any

RECENT_RUNS = 30
LATEST_ARTICLES = 10
# the latest run of each site, its last success, and its health check (crawl_status, attention)
STATUS_SQL = """
SELECT s.slug, s.name, s.province, s.province_current, s.status AS site_status,
       r.id AS run_id, r.status AS latest_run, r.started, r.finished, r.articles_new,
       r.articles_failed, r.pages_fetched, r.errors,
       (SELECT max(finished) FROM crawl_runs
         WHERE site = s.slug AND status IN ('ok', 'degraded')) AS last_success,
       (SELECT count(*) FROM articles WHERE site = s.slug) AS articles,
       (SELECT count(*) FROM crawl_failures WHERE run_id = r.id) AS failures,
       h.level AS health, h.problems
FROM sites s
LEFT JOIN crawl_runs r ON r.id = (SELECT max(id) FROM crawl_runs WHERE site = s.slug)
LEFT JOIN health h ON h.run_id = r.id
ORDER BY CASE coalesce(h.level, '') WHEN 'alert' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         CASE coalesce(r.status, '') WHEN 'failed' THEN 0 WHEN 'degraded' THEN 1 ELSE 2 END,
         s.slug
"""


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def per_month_per_province(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """(province now, YYYY-MM) -> articles published that month: read in the order of the
    index migration 0013 made for it, no sort."""
    return {
        (row["province"], row["month"]): row["articles"]
        for row in _rows(
            conn,
            "SELECT coalesce(province_current, province, '?') AS province, month, "
            "count(*) AS articles FROM articles WHERE month IS NOT NULL GROUP BY 1, 2",
        )
    }


def totals(conn: sqlite3.Connection) -> dict[str, Any]:
    return _rows(
        conn,
        "SELECT count(*) AS articles, (SELECT count(*) FROM sites) AS sites, "
        "count(DISTINCT coalesce(province_current, province)) AS provinces, "
        "min(published) AS first, max(published) AS last FROM articles",
    )[0]


def site(conn: sqlite3.Connection, slug: str) -> dict[str, Any] | None:
    """A site, its articles per month, its newest articles and its recent runs (oldest first)."""
    found = _rows(conn, "SELECT * FROM sites WHERE slug = ?", (slug,))
    if not found:
        return None
    # both read the site's entries of the search's facet index (migration 0013), not its rows:
    # `month` is substr(published, 1, 7), and NULLs last is what DESC gives
    months = _rows(
        conn,
        "SELECT substr(published, 1, 7) AS month, count(*) AS articles "
        "FROM articles INDEXED BY idx_articles_search_facets "
        "WHERE site = ? AND published IS NOT NULL GROUP BY 1 ORDER BY 1",
        (slug,),
    )
    newest = _rows(
        conn,
        "SELECT a.id, a.title, a.published FROM (SELECT id FROM articles "
        "INDEXED BY idx_articles_search_facets WHERE site = ? "
        "ORDER BY published DESC, id DESC LIMIT ?) latest JOIN articles a ON a.id = latest.id "
        "ORDER BY a.published DESC, a.id DESC",
        (slug, LATEST_ARTICLES),
    )
    runs = _rows(
        conn,
        "SELECT r.*, h.level AS health, h.problems, "
        "(SELECT count(*) FROM crawl_failures f WHERE f.run_id = r.id) AS failures "
        "FROM crawl_runs r LEFT JOIN health h ON h.run_id = r.id WHERE r.site = ? "
        "ORDER BY r.id DESC LIMIT ?",
        (slug, RECENT_RUNS),
    )
    count = conn.execute("SELECT count(*) FROM articles WHERE site = ?", (slug,)).fetchone()[0]
    return {
        "site": found[0],
        "months": {row["month"]: row["articles"] for row in months},
        "articles": newest,
        "count": count,
        "runs": runs[::-1],
    }


def status(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return _rows(conn, STATUS_SQL)
