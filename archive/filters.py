"""Filter values as a person types them, turned into the values the archive stores: a site by
its slug or its portal's name, a province or a category, matched without case, diacritics or
punctuation ("Hai Phong" is "Hải Phòng", "Ho Chi Minh" is "TP. Hồ Chí Minh"). Shared by
`khcn export` and the search page; stored text is never changed, only compared folded.

A typed value matches, in this order of preference:
1. a stored value exactly;
2. the stored values equal to it once folded (archive.search.fold_for_matching), also without
   a leading "tỉnh" / "thành phố" / "TP." and as the initials of a name of three words or
   more ("TP.HCM", "KHCN");
3. else the one stored value holding every typed word at the start of one of its words, in
   any order, once "tỉnh", "thành phố" and "TP." are left out of both and the usual short
   forms written out ("KH&CN", "HCM"): "phong" is "Hải Phòng", "Sở KH&CN Hải Dương" is
   "Sở Khoa học và Công nghệ tỉnh Hải Dương".
Nothing, or several stored values in step 3, is an error naming the closest values.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from archive.search import fold_for_matching

VALUE_COLUMNS = ("province", "province_current", "category")  # the articles columns matched
FILTERED_COLUMNS = ("site", *VALUE_COLUMNS, "year")  # what `conditions` filters on
ADMIN_PREFIXES = ("thanh pho ", "tinh ", "tp ")  # folded, as fold_for_matching writes them
ADMIN_WORDS = re.compile(r"\b(?:thanh pho|tinh|tp)\b")
SHORT_FORMS = {  # folded short form -> folded words
    "kh cn": "khoa hoc cong nghe",
    "khcn": "khoa hoc cong nghe",
    "tphcm": "ho chi minh",
    "hcm": "ho chi minh",
}
_SHORT_FORM = re.compile(r"\b(?:" + "|".join(SHORT_FORMS) + r")\b")
CLOSE_ENOUGH = 0.6  # difflib ratio of a suggestion worth making
# The distinct non-empty values of an indexed column, one index seek each (a skip scan):
# 0.4 ms for 34 provinces among 200,000 rows, where SELECT DISTINCT reads the whole index (11 ms).
STORED_VALUES_SQL = """
WITH RECURSIVE stored(value) AS (
    SELECT min({column}) FROM articles WHERE {column} > ''
    UNION ALL
    SELECT (SELECT min({column}) FROM articles WHERE {column} > stored.value)
    FROM stored WHERE stored.value IS NOT NULL
)
SELECT value FROM stored WHERE value IS NOT NULL
"""


class UnknownValue(ValueError):
    """A typed filter value that matches no stored value; ``suggestions`` are the closest
    stored values (as they are shown: a site as "slug (name)")."""

    def __init__(
        self, field: str, typed: str, suggestions: Sequence[str], message: str | None = None
    ) -> None:
        self.field, self.typed, self.suggestions = field, typed, list(suggestions)
        if message is None:
            known = ", ".join(self.suggestions) or "none, the archive holds no value"
            message = f'unknown {field} "{typed}"; closest known values: {known}'
        super().__init__(message)


class AmbiguousValue(UnknownValue):
    """A typed value equal to no stored value and part of several: ``suggestions`` are all of
    them."""

    def __init__(self, field: str, typed: str, suggestions: Sequence[str]) -> None:
        matches = ", ".join(suggestions)
        message = f'{field} "{typed}" is part of several values: {matches}; type more of one'
        super().__init__(field, typed, suggestions, message)


@dataclass(frozen=True)
class _Known:
    """One stored value, how messages show it, and the folded texts it answers to."""

    value: str
    label: str
    texts: tuple[str, ...]  # folded names, for suggestions
    keys: frozenset[str]  # folded; matched whole (step 2)
    words: tuple[tuple[str, ...], ...]  # the words of each name (step 3)


def match_sites(db: Database, typed: Iterable[str]) -> list[str]:
    """The slugs of the sites named by ``typed`` (each a slug or a portal's name, in any case,
    with or without diacritics), in the order typed, each once; raises UnknownValue."""
    known = [
        _known(row["slug"], f"{row['slug']} ({row['name']})", [row["slug"], row["name"] or ""])
        for row in db.query("SELECT slug, name FROM sites ORDER BY slug")
    ]
    return _match("site", typed, known)


def match_values(db: Database, column: str, typed: Iterable[str]) -> list[str]:
    """The stored values of ``articles.<column>`` (one of VALUE_COLUMNS) that ``typed`` names,
    in the order typed, each once; raises UnknownValue."""
    if column not in VALUE_COLUMNS:
        raise ValueError(f"{column!r} is not a filter column; one of {', '.join(VALUE_COLUMNS)}")
    typed = list(typed)
    if not typed:
        return []
    stored = db.query(STORED_VALUES_SQL.format(column=column))
    return _match(
        column, typed, [_known(row["value"], row["value"], [row["value"]]) for row in stored]
    )


def _known(value: str, label: str, names: Sequence[str]) -> _Known:
    texts = tuple(dict.fromkeys(fold_for_matching(name) for name in names if name))
    keys = set(texts)
    for text in texts:
        bare = _without_prefix(text)
        keys.add(bare)
        if len(words := bare.split()) >= 3:
            keys.add("".join(word[0] for word in words))
    words = tuple(_words(text) for text in texts)
    return _Known(value, label, texts, frozenset(keys - {""}), words)


def _words(folded: str) -> tuple[str, ...]:
    """The words step 3 compares: short forms written out, "tinh" / "thanh pho" / "tp" out."""
    written_out = _SHORT_FORM.sub(lambda short: SHORT_FORMS[short[0]], folded)
    return tuple(ADMIN_WORDS.sub(" ", written_out).split())


def _without_prefix(folded: str) -> str:
    for prefix in ADMIN_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def _match(field: str, typed: Iterable[str], known: Sequence[_Known]) -> list[str]:
    found: dict[str, None] = {}
    for value in typed:
        found.update(dict.fromkeys(_match_one(field, value, known)))
    return list(found)


def _match_one(field: str, typed: str, known: Sequence[_Known]) -> list[str]:
    exact = unicodedata.normalize("NFC", typed).strip()
    folded = fold_for_matching(typed)
    if not folded:
        raise UnknownValue(
            field, typed, [], f"an empty {field} matches nothing; leave the filter out instead"
        )
    forms = {folded, _without_prefix(folded)}
    for matches in (
        [k for k in known if k.value == exact],
        [k for k in known if forms & k.keys],
    ):
        if matches:
            return [k.value for k in matches]
    if typed_words := _words(folded):
        holding = [k for k in known if any(_holds(name, typed_words) for name in k.words)]
        if len(holding) == 1:
            return [holding[0].value]
        if holding:
            raise AmbiguousValue(field, typed, [k.label for k in holding])
    raise UnknownValue(field, typed, _closest(folded, known))


def _holds(name: Sequence[str], typed_words: Sequence[str]) -> bool:
    """Whether every typed word begins a word of the name."""
    return all(any(word.startswith(typed) for word in name) for typed in typed_words)


def _closest(folded: str, known: Sequence[_Known]) -> list[str]:
    """The labels of the stored values nearest to ``folded``: the close ones, else the five
    least far, so that a message always shows what can be typed."""
    labels: dict[str, str] = {}
    for k in known:
        for text in k.texts:
            labels.setdefault(text, k.label)
    close = difflib.get_close_matches(folded, labels, n=3, cutoff=CLOSE_ENOUGH)
    close = close or difflib.get_close_matches(folded, labels, n=5, cutoff=0)
    return list(dict.fromkeys(labels[text] for text in close))


def conditions(
    values: Mapping[str, Sequence[str]], since: str | None = None, until: str | None = None
) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on ``a`` (articles) and their parameters: each column in ``values`` one of
    its (stored) values, the publication date within ``since``..``until`` (YYYY-MM-DD, both
    included). The one place the search page and `khcn export` filter articles."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for column, chosen in values.items():
        if column not in FILTERED_COLUMNS:
            raise ValueError(f"not a filtered column: {column!r}")
        if chosen:
            names = [f"{column}_{i}" for i in range(len(chosen))]
            where.append(f"a.{column} IN ({', '.join(':' + n for n in names)})")
            params.update(zip(names, chosen, strict=True))
    if since:
        where.append("a.published >= :since")
        params["since"] = since
    if until:
        where.append("a.published < date(:until, '+1 day')")
        params["until"] = until
    return where, params
