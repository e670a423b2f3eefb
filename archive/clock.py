"""The one way the archive writes a moment: UTC, ISO 8601, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> str:
    """Now, as the archive stores timestamps (``2026-12-04T06:30:00+00:00``)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
