"""The item contract between parsing and the archive: typed dataclasses, nothing else."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Image:
    """An image of the article body, in page order, with its caption attached. ``sha256``,
    ``path`` (under the archive's image folder) and ``size`` are filled in once the image
    file is archived."""

    url: str
    caption: str | None = None
    alt: str | None = None
    sha256: str | None = None
    path: str | None = None
    size: int | None = None


@dataclass
class Article:
    """One article as published, parsed from one page.

    ``methods`` records which method produced each field (``selector``, ``title-line``,
    ``meta``, ``json-ld``, ``trafilatura``, ``byline``...). ``warnings`` lists what the
    parser noticed but could not use (a zero date, a missing byline shape...).
    ``fetched_at`` and the ``warc_*`` fields come from the capture of the response (the
    spider sets them), never from a parser: parsers have no clock.
    """

    url: str
    site: str
    title: str
    body_text: str
    body_html: str
    published: datetime | None = None
    summary: str | None = None
    author: str | None = None
    author_org: str | None = None
    source: str | None = None
    category: str | None = None
    images: list[Image] = field(default_factory=list)
    language: str = "vi"
    methods: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    fetched_at: datetime | None = None
    # Where the page's raw response is kept (set by the spider from the capture, not parsed).
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values: times as ISO 8601 strings, images as dicts."""
        data = asdict(self)
        for key in ("published", "fetched_at"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value else None
        return data


@dataclass(frozen=True)
class GoneUrl:
    """An article URL that no longer serves its article (a retired portal redirecting to a
    merged portal's home page). Recorded as gone for that URL, never stored as an article."""

    url: str
    site: str
    reason: str
    target: str | None = None


@dataclass
class ArticleImages:
    """The images of an archived article whose files are missing (a crawl killed between
    storing the article and downloading its images): fetched again and attached to it."""

    article_url: str
    images: list[Image]


@dataclass(frozen=True)
class PageSeen:
    """The validators a page was served with (ETag, Last-Modified), for the next crawl's
    conditional requests."""

    url: str
    site: str
    etag: str | None
    last_modified: str | None
