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

from portals.parsing.chrome import RELATED_HEADING
from portals.parsing.text import squash

MAX_BYLINE_CHARS = 60
MAX_TRAILING_LINES = 3
PLACEHOLDER_NAMES = frozenset(
    {"test", "test test", "admin", "administrator", "quản trị", "quản trị viên", "webmaster"}
)

CREDIT_LABEL = re.compile(
    r"^(?:(?:tác giả bài viết|tác giả|người viết bài|người viết|phóng viên|cộng tác viên|"
    r"bài|bài viết|bài và ảnh|bài,? ảnh|bài\s*/\s*ảnh|tin,? ảnh|"
    r"tin và ảnh|tin\s*/\s*ảnh|tin|người đăng(?: tin)?|biên tập|author|authors|writer|"
    r"written by|reported by|reporter|posted by|story and photos?|text and photos?|by|bởi)"
    r"\s*[:：]\s*|(?:by|written by|reported by|posted by|bởi)\s+)",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:nguồn(?: tin)?|source)\s*[:：]\s*(?P<source>.+)$", re.IGNORECASE)
# "Theo Báo Nhân Dân", "Theo Cổng TTĐT tỉnh", "Theo vietnamplus.vn": a short name, no clause
_THEO_SOURCE = re.compile(
    r"^(?:\(?\s*)?[Tt]heo\s+(?P<source>[A-ZĐ0-9][^,;:.!?]{0,58}?|[\w-]+(?:\.[a-z]{2,})+)\s*\)?$"
)
MAX_ORG_CHARS = 90
_ORG = re.compile(
    rf"^(?P<name>[^()]{{1,{MAX_BYLINE_CHARS}}}?)\s*"
    rf"[(\[](?P<org>[^()\[\]]{{2,{MAX_ORG_CHARS}}})[)\]]$"
)
_NOT_ORG = frozenset({"tổng hợp", "st", "sưu tầm", "lược dịch", "dịch", "tổng hợp, biên dịch"})
_AUTHORS_SEPARATOR = re.compile(r"\s+(?:-|–|&|và|and)\s+|\s*,\s*")
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
    if not text or len(text) > MAX_BYLINE_CHARS + MAX_ORG_CHARS:
        return None
    if len(text) > MAX_BYLINE_CHARS and not _ORG.match(text):  # only an organisation's name
        return None  # makes a byline that long: "Kim Loan (Trung tâm Ứng dụng tiến bộ …)"
    source = _SOURCE.match(text)
    if source:
        return Byline(source=source["source"].strip(" .")) if source["source"].strip() else None
    theo = _THEO_SOURCE.match(text)
    if theo:
        return Byline(source=theo["source"].strip())
    text = CREDIT_LABEL.sub("", text)
    timed = _NAME_TIME.match(text)
    if timed:
        text = timed["name"]
    org = source = None
    with_org = _ORG.match(text)
    if with_org:
        text, org = with_org["name"].strip(" -–,"), with_org["org"].strip()
        theo = _THEO_SOURCE.match(org)
        if theo:  # "Ngọc Lan (Theo Báo Khoa học và Phát triển)"
            org, source = None, theo["source"].strip()
        elif org.casefold() in _NOT_ORG:  # "(tổng hợp)": how it was written, not by whom
            org = None
    author = _author_names(text)
    return Byline(author=author, author_org=org, source=source) if author else None


# an info line's item separators; not chrome's, whose " - " also joins two authors' names
_INFO_SEPARATORS = re.compile(r"\s*[|·•¦]\s*")


def credit_in_line(line: str | None) -> Byline | None:
    """The labelled credit among the items of an info line ("Cập nhật lúc 14:20, 25/07/2023 ·
    Tác giả: Quốc Việt · Lượt xem: 1.204"), or None."""
    for part in _INFO_SEPARATORS.split(squash(line)):
        if CREDIT_LABEL.match(part):
            found = parse_byline(part)
            if found is not None and found.author:
                return found
    return None


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


MAX_LEADING_LINES = 2


def split_leading_byline(paragraphs: list[str]) -> tuple[list[str], Byline | None]:
    """Take a labelled credit line ("By Tran Minh Duc", "Tác giả: Minh Anh", "Bài, ảnh: Thu
    Hà") off the start of the body, where some portals print it above the text. Only a
    labelled line: a bare name at the top cannot be told from a heading."""
    for index, paragraph in enumerate(paragraphs[:MAX_LEADING_LINES]):
        if CREDIT_LABEL.match(squash(paragraph)):
            found = parse_byline(paragraph)
            if found is not None and found.author:
                return [*paragraphs[:index], *paragraphs[index + 1 :]], found
    return paragraphs, None


def split_lead_source(paragraph: str) -> tuple[str, str | None]:
    """Strip a lead-in source tag: "(ĐCSVN) - Chiều 11/6, …" -> ("Chiều 11/6, …", "ĐCSVN")."""
    match = _LEAD_SOURCE.match(paragraph)
    if not match:
        return paragraph, None
    return paragraph[match.end() :], (match["paren"] or match["bare"]).strip()


def _author_names(text: str) -> str | None:
    """One name, or several as written ("Thanh Tâm - Minh Khoa"); all-caps names title-cased."""
    single = _author_name(text)
    if single or not _AUTHORS_SEPARATOR.search(text):
        return single
    names = [_author_name(part) for part in _AUTHORS_SEPARATOR.split(text.strip(" -–,;"))]
    if len(names) < 2 or not all(names):
        return None
    if not text.isupper():
        return text.strip(" -–,;")
    written = text.strip(" -–,;")
    for part, name in zip(_AUTHORS_SEPARATOR.split(written), names, strict=True):
        written = written.replace(part, name or part, 1)
    return written


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
    if not 2 <= len(words) <= 5 or not all(w[0].isupper() and _WORD.match(w) for w in words):
        return None  # (À-Ỹ spans lower-case letters too: "ông" is not a name's word)
    if words[0].casefold() == "theo":  # "Theo Sở KH&CN": a source or a clause, never a name
        return None
    if " ".join(words).lower() in PLACEHOLDER_NAMES or RELATED_HEADING.fullmatch(text):
        return None  # "CÁC TIN ĐÃ ĐƯA": the heading of a list, in capitals as a name may be
    return " ".join(_title_case(word) for word in words) if text.isupper() else text


def _title_case(word: str) -> str:
    """KHÁNH -> Khánh; keeps letters' diacritics (str.title() would split at apostrophes)."""
    return word[:1] + word[1:].lower()
