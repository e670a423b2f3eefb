"""Vietnamese publication dates: every form the portals print, read day-first, returned as
aware datetimes in Asia/Ho_Chi_Minh (research/portals.md §5).

A publication date is always a *full* date: "Chiều 20/6" has no year and is an event in the
body, never the date of the article. Header "today" banners ("Hôm nay, Chủ nhật 22-10-2017",
"Chủ Nhật ngày 05/12/2021 Chào mừng bạn…") are skipped. A MySQL zero date
("-0001-11-30 07:06:30") raises ``InvalidDate``: the caller records a warning and stores no date.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from portals.parsing.text import squash

DateOrder = Literal["dmy", "mdy"]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TWO_DIGIT_YEAR_PIVOT = 70  # "25" -> 2025, "98" -> 1998


class InvalidDate(ValueError):
    """Text that is a date in form but not a real one (zero dates, month 13, day 32)."""


# Each pattern opens with a lookahead for its first character: a scan then skips the positions
# that cannot start a date ~2x faster (the header text of every page is scanned by all five).
_NUMERIC = re.compile(
    r"(?=\d)(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\d/])"
)
_LONG_FORM = re.compile(
    r"ngày\s+(?P<a>\d{1,2})\s+tháng\s+(?P<b>\d{1,2})\s+năm\s+(?P<year>\d{4})", re.IGNORECASE
)
_ISO = re.compile(
    r"(?=-?\d{4}-)(?<![\d\-])(?P<year>-?\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<clock>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<tz>Z|[+\-]\d{2}:?\d{2})?)?"
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# English pages: "March 3, 2024", "Mar. 3rd 2024", "3 March 2024"
_ENGLISH = re.compile(
    rf"(?=[\dJFMASONDjfmasond])\b"
    rf"(?:(?P<m1>{_MONTH_NAME})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAME})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
# Vietnamese month names, as WordPress's vi locale prints them: "05 Tháng Mười Một, 2023",
# "Tháng Ba 14, 2024"
_VI_MONTHS = ["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một",
              "mười hai"]  # fmt: skip
_VI_MONTH_NAME = r"tháng\s+(?:mười\s+một|mười\s+hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín)"
_VIETNAMESE_MONTH = re.compile(
    rf"(?=[\dtT])(?<!\w)"
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_VI_MONTH_NAME}),?\s+(?P<y1>\d{{4}})|"
    rf"(?P<m2>{_VI_MONTH_NAME})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))(?!\w)",
    re.IGNORECASE,
)
_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ampm>[AaPp][Mm]))?"
_CLOCK_AFTER = re.compile(r"^[\s,|\-–—]*(?:lúc\s*)?" + _CLOCK, re.IGNORECASE)
# "M/d/yyyy h:mm:ss tt", the date and time of .NET's en-US culture, which ASP.NET portals print
# (on Vietnamese pages too) when the server's culture was left at its default
_US_CLOCK_AFTER = re.compile(r"^\s+\d{1,2}:\d{2}:\d{2}\s*[AP]M\b")
# A time before the date may be separated from it by a weekday ("12:53, Chủ Nhật, 13/05/2018").
_CLOCK_BEFORE = re.compile(_CLOCK + r"[^\d:]{0,16}$", re.IGNORECASE)
# Words that mark a date as "today" (page chrome) or as an event inside the body.
_TODAY_BEFORE = re.compile(r"(hôm nay|today)[\s,:»]*(?:[^\d]{0,20})$", re.IGNORECASE)
_TODAY_AFTER = re.compile(r"^[\s\d:,]*(chào mừng|welcome)", re.IGNORECASE)
_PART_OF_DAY_BEFORE = re.compile(r"\b(sáng|chiều|trưa|tối|đêm)\s+(?:ngày\s+)?$", re.IGNORECASE)
_SPACED_YEAR = re.compile(r"\s\d{4}(?!\d)")
_KIND_ORDER = {"iso": 0, "long": 1, "numeric": 2, "english": 3, "month-name": 4}  # at one start
_ZERO_DATE = re.compile(r"(?<!\d)(?:-0{0,3}1|0000)-\d{2}-\d{2}")


def parse_date(text: str | None, order: DateOrder = "dmy") -> datetime | None:
    """The first publication-like full date in ``text``, with its time when one is printed
    next to it; None when there is none. Raises ``InvalidDate`` for zero or impossible dates."""
    text = squash(text)
    if not text:
        return None
    dashed = "-" in text  # ISO and zero dates have dashes
    if dashed and _ZERO_DATE.search(text):
        raise InvalidDate(f"zero date in {text[:60]!r}")
    kinds = [("iso", _ISO)] if dashed else []
    kinds.append(("numeric", _NUMERIC))
    if _SPACED_YEAR.search(text):  # the year of every written-out form follows a space
        kinds += [("long", _LONG_FORM), ("english", _ENGLISH), ("month-name", _VIETNAMESE_MONTH)]
    candidates = sorted(
        ((m.start(), _KIND_ORDER[kind], kind, m) for kind, p in kinds for m in p.finditer(text)),
        key=lambda c: c[:2],
    )
    for _, _, kind, match in candidates:
        before, after = text[: match.start()], text[match.end() :]
        if _is_chrome_or_event(before, after):
            continue
        if kind == "iso":
            return _from_iso(match)
        if kind in ("english", "month-name"):
            day, month, year = _named_month_day_year(match, kind)
            return _combine(year, month, day, _clock_near(before, after))
        if kind == "numeric" and _US_CLOCK_AFTER.match(after) and match["sep"] == "/":
            order = "mdy"  # "4/6/2023 3:41:07 PM": .NET's en-US format, month first
        day, month, year = _day_month_year(match, "dmy" if kind == "long" else order)
        return _combine(year, month, day, _clock_near(before, after))
    return None


def long_form_date(text: str) -> datetime | None:
    """The first "ngày 06 tháng 12 năm 2019" of the text (a dateline, a signature), if any."""
    match = _LONG_FORM.search(squash(text))
    if not match:
        return None
    day, month, year = _day_month_year(match, "dmy")
    try:
        return _combine(year, month, day, None)
    except InvalidDate:
        return None


_PLACE_WORDS = r"[A-ZÀ-ỸĐ][\w.'-]*(?:\s+[A-ZÀ-ỸĐ][\w.'-]*){0,3}"  # "Hải Phòng", "TP. Huế"
_PLACE = re.compile(rf"^{_PLACE_WORDS}$")
MAX_DATELINE_WORDS = 12


def dateline_date(line: str) -> datetime | None:
    """The date of a line that is only a dateline: a place and a date ("Hải Phòng, ngày 06
    tháng 12 năm 2019", "Hue, October 22, 2020", "Hà Nội, 06/12/2019"); None for any other
    line (a sentence that mentions a date)."""
    text = squash(line).strip(" .")
    if not text or len(text.split()) > MAX_DATELINE_WORDS or "," not in text:
        return None
    place, _, rest = text.partition(",")
    if not _PLACE.match(place.strip()):
        return None
    rest = rest.strip()
    for pattern in (_LONG_FORM, _ENGLISH, _NUMERIC):
        match = pattern.fullmatch(rest)
        if match:
            try:
                return parse_date(rest) if pattern is not _LONG_FORM else long_form_date(rest)
            except InvalidDate:
                return None
    return None


_DATELINE_START = re.compile(
    rf"^(?P<dateline>{_PLACE_WORDS},\s*" + _LONG_FORM.pattern + r")[\s.,;:–-]+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def split_dateline(line: str) -> tuple[str, str] | None:
    """A line that opens with a dateline and goes on, as a signature cell prints it: "Sơn La,
    ngày 18 tháng 9 năm 2023 Bài, ảnh: Quỳnh Anh" -> ("Sơn La, ngày 18 tháng 9 năm 2023",
    "Bài, ảnh: Quỳnh Anh"); None for any other line."""
    match = _DATELINE_START.match(squash(line))
    if not match or not dateline_date(match["dateline"]):
        return None
    return match["dateline"], match["rest"]


def split_title_date(title: str, order: DateOrder = "dmy") -> tuple[str, datetime | None]:
    """Split a trailing bracketed date off a title line: "Tiêu đề (21/06/2024)" ->
    ("Tiêu đề", 2024-06-21). Inner ranges such as "(26/6/1959-26/6/2024)" stay in the title."""
    title = squash(title)
    match = re.search(r"\s*[(\[]\s*([^()\[\]]{6,40}?)\s*[)\]]\s*$", title)
    if not match or not _is_lone_date(match.group(1)):
        return title, None
    try:
        published = parse_date(match.group(1), order)
    except InvalidDate:
        return title, None
    return (title[: match.start()].strip(), published) if published else (title, None)


def _is_lone_date(text: str) -> bool:
    """True when the text is one date (with an optional time), not a range or a sentence."""
    rest = _NUMERIC.sub("", text, count=1)
    return rest != text and re.fullmatch(r"[\s,|\-–—]*(?:" + _CLOCK + r")?[\s]*", rest) is not None


def _is_chrome_or_event(before: str, after: str) -> bool:
    return bool(
        _TODAY_BEFORE.search(before[-40:])
        or _TODAY_AFTER.search(after[:40])
        or _PART_OF_DAY_BEFORE.search(before[-20:])
    )


def _day_month_year(match: re.Match[str], order: DateOrder) -> tuple[int, int, int]:
    a, b = int(match.group("a")), int(match.group("b"))
    day, month = (a, b) if order == "dmy" else (b, a)
    if month > 12 >= day:  # "2/27/2017" on a day-first site: 27 > 12 proves month/day
        day, month = month, day
    year = int(match.group("year"))
    if len(match.group("year")) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return day, month, year


def _named_month_day_year(match: re.Match[str], kind: str) -> tuple[int, int, int]:
    """Day, month, year of "March 3, 2024" (English) or "05 Tháng Mười Một, 2023"."""
    name = " ".join((match["m1"] or match["m2"]).lower().split())
    if kind == "english":
        month = _MONTHS.index(name[:3]) + 1
    else:
        word = name.removeprefix("tháng ").replace("bốn", "tư")
        month = _VI_MONTHS.index(word) + 1
    return int(match["d1"] or match["d2"]), month, int(match["y1"] or match["y2"])


def _clock_near(before: str, after: str) -> time | None:
    """A time printed right after the date ("21/06/2024 10:30", "… - 07:56:45 PM") or right
    before it ("10:51 | 21/05/2015")."""
    match = _CLOCK_AFTER.search(after) or _CLOCK_BEFORE.search(before)
    if not match:
        return None
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _combine(year: int, month: int, day: int, clock: time | None) -> datetime:
    try:
        return datetime(year, month, day, tzinfo=VIETNAM).replace(
            hour=clock.hour if clock else 0,
            minute=clock.minute if clock else 0,
            second=clock.second if clock else 0,
        )
    except ValueError as exc:
        raise InvalidDate(f"{day:02d}/{month:02d}/{year}: {exc}") from None


def _from_iso(match: re.Match[str]) -> datetime:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if year < 1:
        raise InvalidDate(f"zero date {match.group(0)!r}")
    clock = time.fromisoformat(match["clock"]) if match["clock"] else None
    value = _combine(year, month, day, clock)
    if match["tz"]:
        offset = datetime.fromisoformat(f"2000-01-01T00:00{match['tz'].replace('Z', '+00:00')}")
        value = value.replace(tzinfo=offset.tzinfo).astimezone(VIETNAM)
    return value
