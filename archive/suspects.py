"""A portal's bad day told from an edit: a page that answers with a maintenance notice, its
"not found" template or its home page (HTTP 200 all the same), a text that shares almost
nothing with the archived one or has shrunk to a fraction of it, the same text at many URLs
of one crawl. Such a capture is held, not applied (archive/holds.py): the archived article
keeps its current version until an operator accepts the held one. Pure judgement: records
in, a verdict out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archive.search import fold_for_matching

# Folded (no diacritics, lower case): what maintenance and "not found" pages say.
MAINTENANCE_PHRASES = (
    "he thong dang bao tri", "dang bao tri", "website dang duoc nang cap", "dang nang cap",
    "tam ngung hoat dong", "tam dung hoat dong", "under maintenance", "down for maintenance",
    "maintenance mode", "scheduled maintenance", "we will be back soon",
)  # fmt: skip
NOT_FOUND_PHRASES = (
    "khong tim thay trang", "trang khong ton tai", "bai viet khong ton tai",
    "noi dung khong ton tai", "tin khong ton tai", "khong tim thay noi dung",
    "khong tim thay bai viet", "duong dan khong hop le", "lien ket khong ton tai",
    "page not found", "404 not found", "the page you requested", "error 404", "loi 404",
)  # fmt: skip
NOTICE_WORDS = 80  # a notice is short: a longer text naming "bảo trì" is an article about it
SHRUNK_TO = 0.3  # a new text under this share of the archived one is a shrunken page
MIN_SHARED = 0.15  # share of the archived text's word 4-grams a real edit keeps at least
MIN_WORDS_TO_COMPARE = 40  # shorter texts are compared by the notice rules only
REPEATED_AT = 3  # the same text at this many URLs of one crawl is a template
OPENING_CHARS = 2000  # a text's opening: enough to tell a template and to count a notice's words

KINDS = ("maintenance", "soft-404", "suspect-change")


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of KINDS
    reason: str


def _folded_words(text: str | None) -> list[str]:
    return _folded(text or "").split()


@lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    """Each stored text is read by several rules (the batch's repeats first, then each record's
    notice and comparison): folded once (~0.1 ms an article body), kept for a batch or two."""
    return fold_for_matching(text)


def _opening(text: str | None) -> str:
    """A text's first characters: what the template and notice rules read of a long text, so
    that each article's whole body is folded only where it is compared with the archived one."""
    return (text or "")[:OPENING_CHARS]


def _says(words: list[str], phrases: tuple[str, ...]) -> str | None:
    text = f" {' '.join(words)} "
    return next((p for p in phrases if f" {p} " in text), None)


def notice(record: Mapping[str, Any], site_name: str | None = None) -> Verdict | None:
    """A maintenance or not-found page, or the portal's name as the title (its home page or a
    template answering an article URL)."""
    title = _folded_words(record.get("title"))
    opening = _folded_words(_opening(record.get("body_text")))
    short = len(opening) <= NOTICE_WORDS  # the whole text has at least its opening's words
    body = _folded_words(record.get("body_text")) if short else []
    for phrases, kind in ((MAINTENANCE_PHRASES, "maintenance"), (NOT_FOUND_PHRASES, "soft-404")):
        found = _says(title, phrases) or (_says(body, phrases) if short else None)
        if found:
            return Verdict(kind, f"the page says “{found}”")
    if site_name and title and title == _folded_words(site_name):
        return Verdict("soft-404", "the title is the portal's name, not an article's")
    return None


def _shingles(words: list[str], size: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}


def changed_too_much(old: Mapping[str, Any], new: Mapping[str, Any]) -> Verdict | None:
    """A re-crawled text that is not an edit of the archived one: shrunk to a fraction of it,
    or sharing almost none of its word 4-grams."""
    before, after = _folded_words(old.get("body_text")), _folded_words(new.get("body_text"))
    if len(before) < MIN_WORDS_TO_COMPARE:
        return None
    if len(after) < SHRUNK_TO * len(before):
        return Verdict(
            "suspect-change", f"the text shrank from {len(before)} to {len(after)} words"
        )
    old_shingles = _shingles(before)
    shared = len(old_shingles & _shingles(after)) / len(old_shingles)
    if shared < MIN_SHARED:
        return Verdict(
            "suspect-change", f"the text keeps {shared:.0%} of the archived one's word runs"
        )
    return None


@dataclass
class RunGuard:
    """What one crawl run has seen: the same title and text at several URLs of a site is a
    template the portal answers with, not articles."""

    site_names: Mapping[str, str] = field(default_factory=dict)
    _seen: Counter[tuple[str, str]] = field(default_factory=Counter)

    def note(self, record: Mapping[str, Any]) -> None:
        self._seen[self._key(record)] += 1

    def repeated(self, record: Mapping[str, Any]) -> Verdict | None:
        count = self._seen[self._key(record)]
        if count >= REPEATED_AT:
            return Verdict("suspect-change", f"the same title and text at {count} URLs this run")
        return None

    @staticmethod
    def _key(record: Mapping[str, Any]) -> tuple[str, str]:
        folded = (_folded(record.get("title") or ""), _folded(_opening(record.get("body_text"))))
        text = " ".join(part for part in folded if part)
        return record.get("site") or "", text[:OPENING_CHARS]  # numbers tell articles apart

    def verdict(self, new: Mapping[str, Any], old: Mapping[str, Any] | None) -> Verdict | None:
        """Why ``new`` must be held rather than stored (``old``: the archived article at its
        URL, if any), or None for a capture that may become the archive's text."""
        found = notice(new, self.site_names.get(new.get("site") or ""))
        if found is None:
            found = self.repeated(new)
        if found is None and old is not None:
            found = changed_too_much(old, new)
        return found
