"""Text normalisation shared by every parser: NFC, whitespace, never breaking words."""

from __future__ import annotations

import re
import unicodedata
from itertools import islice

import ftfy

_INVISIBLE_SPACES = ("\u200b", "\ufeff")  # zero-width: spaces to a reader, not to str.split


def nfc(text: str) -> str:
    """Unicode NFC, the one form stored and compared everywhere."""
    return unicodedata.normalize("NFC", text)


def squash(text: str | None) -> str:
    """NFC text with runs of whitespace (incl. NBSP, zero-width) folded to one space, trimmed."""
    if not text:
        return ""
    text = nfc(text)
    for invisible in _INVISIBLE_SPACES:
        if invisible in text:
            text = text.replace(invisible, " ")
    return " ".join(text.split())  # str.split: every Unicode space, NBSP included


LEGACY_ENCODING = "legacy Vietnamese encoding"
# UTF-8 read as Latin-1 / Windows-1252 ("Háº£i PhÃ²ng"): a cheap look before asking ftfy.
_MOJIBAKE = re.compile(r"[ÃÄÆ][\u0080-\u00ff\u0152-\u2122]|á[º»]")
# Every match of _MOJIBAKE starts with one of these: a plain substring test rules most pages out.
_MOJIBAKE_STARTS = ("Ã", "Ä", "Æ", "áº", "á»")
# TCVN3 (ABC) and VNI put Vietnamese letters on Latin-1 code points: "Th«ng tin Khoa häc vµ
# C«ng nghÖ" (TCVN3), "Khoa hoïc vaø Coâng ngheä" (VNI). Such letters inside words, and
# almost no real Vietnamese letters, betray the old fonts.
_LEGACY_LETTER = re.compile(r"(?<=[A-Za-z])[«µ¸¶·¹¨»¾ÖÜäåæçèéêëìíîïðñòóôõöøùúûü¡¢£¤¥¦§©ª¬®¯°±²³´]")
_LEGACY_CODE_POINT = re.compile(_LEGACY_LETTER.pattern.removeprefix("(?<=[A-Za-z])"))
_VIETNAMESE_LETTER = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơưăƠƯĂ]")


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Text decoded with the wrong charset (a page declaring ISO-8859-1 but sending UTF-8),
    repaired with ftfy; ``True`` when something was repaired."""
    if not any(start in text for start in _MOJIBAKE_STARTS) or not _MOJIBAKE.search(text):
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


def legacy_encoding(text: str) -> bool:
    """True for text typed in the TCVN3 (ABC) or VNI fonts: it is stored as served (no
    lossless conversion exists for every page) and flagged."""
    # First a bound: the legacy letters are among those code points wherever they stand, and
    # Vietnamese text has more than half as many Vietnamese letters (a cheaper count, ended
    # as soon as it is reached).
    if not _fewer_vietnamese_than_half(text, len(_LEGACY_CODE_POINT.findall(text))):
        return False
    return _fewer_vietnamese_than_half(text, len(_LEGACY_LETTER.findall(text)))


def _fewer_vietnamese_than_half(text: str, legacy: int) -> bool:
    """At least 5 legacy letters, and fewer than half as many Vietnamese ones."""
    if legacy < 5:
        return False
    enough = (legacy + 1) // 2  # legacy > 2 * v  <=>  v < enough
    return sum(1 for _ in islice(_VIETNAMESE_LETTER.finditer(text), enough)) < enough
