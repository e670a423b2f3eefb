"""How stored values read on the reading room's pages: dates in Vietnamese form, snippets with
the matched words marked, sizes in words. Jinja filters; no page logic."""

from __future__ import annotations

from datetime import datetime

from markupsafe import Markup, escape

from archive.reading_room.search_page import MARK_END, MARK_START

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _parsed(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def vn_date(value: str | None, weekday: bool = False) -> str:
    """'2024-06-26T10:15:00+07:00' -> '26/06/2024, 10:15' (the time only when the portal gave
    one; with ``weekday``, 'Thứ Tư, 26/06/2024'); '' for no date, the value itself if unreadable."""
    moment = _parsed(value)
    if moment is None:
        return value or ""
    text = moment.strftime("%d/%m/%Y")
    if weekday:
        text = f"{WEEKDAYS[moment.weekday()]}, {text}"
    if (moment.hour, moment.minute, moment.second) != (0, 0, 0):
        text += moment.strftime(", %H:%M")
    return text


def utc_date(value: str | None) -> str:
    """A UTC capture time as '26/06/2024 03:15 UTC'."""
    moment = _parsed(value)
    return moment.strftime("%d/%m/%Y %H:%M UTC") if moment else (value or "")


def highlighted(snippet: str | None) -> Markup:
    """A snippet cut by SQLite with control-character markers, escaped, matches in <mark>."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def thousands(number: int) -> str:
    """1284117 -> '1.284.117', as Vietnamese texts write it."""
    return f"{number:,}".replace(",", ".")


FILTERS = {"vn_date": vn_date, "utc_date": utc_date, "highlighted": highlighted,
           "thousands": thousands}  # fmt: skip
