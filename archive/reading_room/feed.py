"""A search as an Atom feed (feedgen), newest articles first, so that a journalist's feed reader
shows each new article matching it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

FEED_SIZE = 50


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def atom(title: str, feed_url: str, page_url: str, base: str, rows: list[dict[str, Any]]) -> bytes:
    """The Atom document of a search: one entry per article, its page in the archive as link."""
    generator = FeedGenerator()
    generator.id(feed_url)
    generator.title(title)
    generator.link(href=page_url, rel="alternate")
    generator.link(href=feed_url, rel="self")
    generator.language("vi")
    updated = [m for m in (_moment(r.get("first_seen")) for r in rows) if m]
    generator.updated(max(updated) if updated else datetime(2000, 1, 1, tzinfo=UTC))
    for row in reversed(rows):  # feedgen puts the last added first
        entry = generator.add_entry()
        link = f"{base}/article/{row['id']}"
        entry.id(link)
        entry.title(row["title"])
        entry.link(href=link, rel="alternate")
        published = _moment(row.get("published"))
        seen = _moment(row.get("first_seen")) or published or datetime(2000, 1, 1, tzinfo=UTC)
        entry.updated(seen)
        if published:
            entry.published(published)
        if row.get("author"):
            entry.author(name=row["author"])
        lead = row.get("summary") or (row.get("lead") or "")[:300]
        entry.summary(f"{lead}\n\nBài gốc · Original: {row['url']}")
        entry.category(term=row.get("site_name") or row["site"])
    return generator.atom_str(pretty=True)
