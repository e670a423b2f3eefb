"""Bylines and sources (research/portals.md §6): who wrote an article, for which organisation,
and where a republished item came from.

A byline is a short last line of the body: "Trần Hùng (Sở KH&CN Hải Phòng)", "Tác giả: Minh
Châu", initials ("P.V", "TC", "Nhóm PV"), an all-caps name ("THU HẰNG", title-cased when
stored). "Nguồn: …" and "Theo Báo …" lines are the *source*, never the author. Placeholders
("Test Test", "admin") and anything that reads like a sentence (a caption ends with ".") are
not bylines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portals.parsing.text import squash

MAX_BYLINE_CHARS = 60
MAX_TRAILING_LINES = 3
PLACEHOLDER_NAMES = frozenset(
    {"test", "test test", "admin", "administrator", "quản trị", "quản trị viên", "webmaster"}
)

_LABEL = re.compile(
    r"^(?:tác giả|người viết|bài(?: và ảnh)?|người đăng(?: tin)?|biên tập|author|by)\s*[:：]\s*",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:nguồn|source)\s*[:：]\s*(?P<source>.+)$", re.IGNORECASE)
_THEO_SOURCE = re.compile(r"^[Tt]heo\s+(?P<source>(?:[A-ZĐ0-9][^\s,;:]*\s*)+)$")
_ORG = re.compile(r"^(?P<name>[^()]+?)\s*[(\[](?P<org>[^()\[\]]{2,50})[)\]]$")
_NAME_TIME = re.compile(r"^(?P<name>.+?)\s+[-–|]\s+\d{1,2}:\d{2}.*$")
_INITIALS = re.compile(r"^(?:(?:Nhóm|nhóm)\s+)?(?:[A-ZĐ]{1,4}|(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?)$")
_WORD = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđA-ZÀ-ỸĐ.'-]*$")
_LEAD_SOURCE = re.compile(
    r"^(?:\((?P<paren>[^()]{2,40})\)|(?P<bare>[A-ZĐ][\w]*(?:\.[A-Za-z]+)+|[A-ZĐ]{2,}))"
    r"\s*[-–—]\s*(?=\S)"
)


@dataclass(frozen=True)
class Byline:
    """What a byline line (or a run of them) says; every field may be None."""

    author: str | None = None
    author_org: str | None = None
    source: str | None = None


def parse_byline(line: str | None) -> Byline | None:
    """One line read as a byline or a source line; None when it is neither."""
    text = squash(line)
    if not text or len(text) > MAX_BYLINE_CHARS:
        return None
    source = _SOURCE.match(text)
    if source:
        return Byline(source=source["source"].strip(" .")) if source["source"].strip() else None
    theo = _THEO_SOURCE.match(text)
    if theo:
        return Byline(source=theo["source"].strip())
    text = _LABEL.sub("", text)
    timed = _NAME_TIME.match(text)
    if timed:
        text = timed["name"]
    org = None
    with_org = _ORG.match(text)
    if with_org:
        text, org = with_org["name"].strip(" -–,"), with_org["org"].strip()
    author = _author_name(text)
    return Byline(author=author, author_org=org) if author else None


def split_trailing_byline(paragraphs: list[str]) -> tuple[list[str], Byline]:
    """Take the byline and source lines off the end of the body, in any order ("Nguồn: BTV"
    then "MAI HỒNG", or the other way round). Returns the remaining paragraphs."""
    remaining = list(paragraphs)
    author: Byline | None = None
    source: str | None = None
    for _ in range(MAX_TRAILING_LINES):
        if not remaining:
            break
        found = parse_byline(remaining[-1])
        if found is None:
            break
        if found.source and source is None:
            source = found.source
        elif found.author and author is None:
            author = found
        else:
            break
        remaining.pop()
    byline = Byline(
        author=author.author if author else None,
        author_org=author.author_org if author else None,
        source=source,
    )
    return remaining, byline


def split_lead_source(paragraph: str) -> tuple[str, str | None]:
    """Strip a lead-in source tag: "(ĐCSVN) - Chiều 11/6, …" -> ("Chiều 11/6, …", "ĐCSVN")."""
    match = _LEAD_SOURCE.match(paragraph)
    if not match:
        return paragraph, None
    return paragraph[match.end() :], (match["paren"] or match["bare"]).strip()


def _author_name(text: str) -> str | None:
    """A person's name, initials or a team label; None for sentences and placeholders."""
    text = text.strip(" -–,;")
    if not text or text.lower() in PLACEHOLDER_NAMES:
        return None
    if _INITIALS.match(text):
        return text
    if text.endswith(".") or any(ch.isdigit() for ch in text):
        return None
    words = text.split()
    if not 2 <= len(words) <= 5 or not all(_WORD.match(word) for word in words):
        return None
    if " ".join(words).lower() in PLACEHOLDER_NAMES:
        return None
    return " ".join(_title_case(word) for word in words) if text.isupper() else text


def _title_case(word: str) -> str:
    """KHÁNH -> Khánh; keeps letters' diacritics (str.title() would split at apostrophes)."""
    return word[:1] + word[1:].lower()
