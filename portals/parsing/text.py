"""Text normalisation shared by every parser: NFC, whitespace, never breaking words."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"[\s\u00a0\u200b\u2009\u202f\ufeff]+")


def nfc(text: str) -> str:
    """Unicode NFC, the one form stored and compared everywhere."""
    return unicodedata.normalize("NFC", text)


def squash(text: str | None) -> str:
    """NFC text with runs of whitespace (incl. NBSP, zero-width) folded to one space, trimmed."""
    if not text:
        return ""
    return _SPACE.sub(" ", nfc(text)).strip()
