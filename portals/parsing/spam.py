"""Injected SEO spam in an article body: gambling vocabulary and outbound link farms.

Government portals are a favourite target of betting sites: a block of "nhà cái uy tín",
"cá cược bóng đá", "W88" links to other hosts is slipped into article bodies, hidden or not.
A word alone never condemns a block ("cá" is fish, "cả cuộc đời" folds to "ca cuoc", "đặt
cược" and "casino" are news words): a block is spam on the evidence of its links and of how
little prose it holds, by these rules (``spam_block``):

- a hidden block (portals/parsing/hidden.py) with any gambling term or link to a gambling
  host, or with little prose and three links to two other hosts or more (links to share
  bars and to ``.gov.vn``/``.edu.vn`` hosts never count, here or below);
- a block with little prose outside its links (under ``MIN_PROSE_WORDS``) that links a
  gambling host (``w88vn.com``, ``nhacaiuytin.net``, a ``.bet`` domain) or holds two links
  to other hosts whose anchor texts are gambling terms;
- a block with a link to another host, stuffed with gambling terms (``STUFFED_SHARE`` of its
  words, two distinct terms); a line of text alone (trafilatura's, ``stuffed_line``) with
  three;
- a link farm: ``FARM_LINKS`` short keyword anchors to ``FARM_HOSTS`` other hosts and next to
  no prose (links to ``.vn`` hosts never count: the press, the government);
- inside prose, a link to a gambling host is taken out (with its anchor text when that is
  a gambling term; else the text stays, unlinked).

Terms are matched as whole words and phrases on the NFC text with its marks. Typed without
marks (spam often is), a term is matched where its unmarked form cannot be anything else
("nha cai uy tin", "ca cuoc bong da"), and a two-syllable one ("tai xiu", "soi keo") only in a
text written wholly without marks; some never are ("ca cuoc" is also "cả cuộc", "ca do" also
"cá đỏ"). Nothing stored is changed by the matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath, _Element

from portals.parsing.text import nfc, squash

MIN_PROSE_WORDS = 15  # a sentence of the article's own prose outside links
STUFFED_SHARE = 0.3  # of a block's words, gambling terms
FARM_LINKS, FARM_HOSTS, FARM_ANCHOR_WORDS = 5, 3, 5
MAX_EVIDENCE = 5

# (pattern, where its folded form may match): "any" text, "ascii" pieces only, or "marked"
# (never folded: "cá cược" folds to "ca cuoc", as "cả cuộc" does).
_TERMS: tuple[tuple[str, str], ...] = (
    (
        r"nhà cái (?:uy tín|trực tuyến|hàng đầu|số 1|số một|online|bóng đá|thể thao|casino"
        r"|tặng tiền|tặng cược|cá cược|quốc tế)",
        "any",
    ),
    (r"(?:top|kèo|link vào|link|danh sách|review|soi kèo) nhà cái", "any"),
    (r"cá cược (?:bóng đá|thể thao|trực tuyến|online|casino|uy tín)", "any"),
    (r"cá cược", "marked"),
    (r"cá độ bóng đá", "any"),
    (r"cá độ", "marked"),
    (r"kèo (?:bóng đá|châu á|châu âu|tài xỉu|trực tuyến|hôm nay)", "any"),
    (r"t[ỷỉ] lệ kèo", "any"),
    (r"soi kèo", "ascii"),
    (r"tài xỉu", "ascii"),
    (r"xóc đĩa", "ascii"),
    (r"(?:lô đề|đánh đề)(?: online| trực tuyến|(?!\s*\w))", "ascii"),  # not "lô đề xuất"
    (r"casino(?: trực tuyến| online)?", "any"),
    (
        r"(?:game|cổng game|game bài|đánh bài|bắn cá|slot) (?:đổi thưởng|ăn tiền|ăn xu|online)",
        "any",
    ),  # "bắn cá" alone is fishing
    (r"game bài", "any"),
    (r"nổ hũ|quay hũ", "ascii"),
    (r"slot game|game slot", "any"),
    (r"baccarat|roulette|blackjack|poker", "any"),
    (r"xổ số (?:online|trực tuyến)", "any"),
    (r"đá gà (?:trực tuyến|online|thomo|campuchia)", "any"),
)
BRANDS = (
    "w88", "fb88", "789bet", "kubet", "kucasino", "188bet", "m88", "12bet", "fun88", "v9bet",
    "jun88", "hi88", "new88", "sv388", "dafabet", "8xbet", "1xbet", "shbet", "f8bet", "mb66",
    "vn88", "bet365", "sbobet", "cmd368", "33win", "8kbet", "okvip", "qh88", "sunwin", "go88",
    "rikvip", "hitclub", "b52club", "789club", "typhu88", "bong88", "lucky88", "five88",
    "win79", "debet", "zbet", "xoilac", "cakhia",
)  # fmt: skip
_BRAND = "|".join(b.replace("club", " ?club").replace("kuc", "ku ?c") for b in BRANDS)
# Host name parts that only gambling sites carry (folded, without hyphens).
HOST_WORDS = (
    "nhacai", "cacuoc", "soikeo", "keonhacai", "tylekeo", "taixiu", "xocdia", "nohu", "gamebai",
    "danhbai", "doithuong", "casino", "baccarat", "poker", "bancadoithuong", *BRANDS,
)  # fmt: skip
# A .vn name is registered with an identity: the press, the government, businesses; link farms
# use names bought abroad. Links to .vn hosts never make a farm (they can still be gambling).
FARMLESS_SUFFIXES = (".vn",)
GAMBLING_TLDS = frozenset(["bet", "casino", "poker", "bingo"])
TRUSTED_SUFFIXES = (".gov.vn", ".edu.vn", ".ac.vn", ".gov", ".edu", ".int")
# Share bars and embeds: links to these are a widget, never a link farm.
PLATFORMS = frozenset(
    ["facebook.com", "twitter.com", "x.com", "zalo.me", "youtube.com", "youtu.be",
     "linkedin.com", "pinterest.com", "google.com", "t.me", "instagram.com", "tiktok.com"]
)  # fmt: skip
_HOST_NUMBER_BRAND = re.compile(r"\d+bet|bet\d+|^[a-z]{1,8}88[a-z]{0,3}$")
_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"^[\s|•·,;:/\-–—]*$")


def _fold(pattern: str) -> str:
    """A term as it is typed without marks (lower case, đ→d)."""
    decomposed = unicodedata.normalize("NFD", pattern.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bounded(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")


# Terms typed without marks are matched on the text as it is: an unmarked phrase can only be
# found where the text itself has no marks, so nothing is folded.
_MARKED = [nfc(p) for p, _ in _TERMS]
_IN_MARKED_TEXT = _bounded([*_MARKED, *(_fold(p) for p, w in _TERMS if w == "any"), _BRAND])
_IN_UNMARKED_TEXT = _bounded([*_MARKED, *(_fold(p) for p, w in _TERMS if w != "marked"), _BRAND])
_EXTERNAL_LINKS = XPath(".//a[contains(@href, '//')]")


@dataclass(frozen=True)
class SpamBlock:
    """A block taken out of a body: hidden or in sight, and what gave it away (gambling
    terms, gambling hosts, or the link farm's size)."""

    hidden: bool
    evidence: tuple[str, ...]


def gambling_terms(text: str) -> list[str]:
    """The gambling terms of a text, as whole words and phrases, in order (overlaps once)."""
    lowered = squash(text).lower()
    terms = _IN_UNMARKED_TEXT if lowered.isascii() else _IN_MARKED_TEXT
    return terms.findall(lowered)


def is_gambling_host(host: str) -> bool:
    """A host name that only a gambling site would carry: ``w88vn.com``, ``nha-cai-uy-tin.net``,
    ``kubet.bet``."""
    labels = host.lower().removeprefix("www.").split(".")
    if labels[-1] in GAMBLING_TLDS:
        return True
    for label in labels[:-1]:
        compact = label.replace("-", "")
        if any(word in compact for word in HOST_WORDS) or _HOST_NUMBER_BRAND.search(compact):
            return True
    return False


@dataclass(frozen=True)
class _Link:
    host: str
    text: str
    terms: tuple[str, ...]
    gambling_host: bool


@dataclass(frozen=True)
class _Evidence:
    words: int  # words of the block's visible text
    prose_words: int  # of those, words outside links
    terms: tuple[str, ...]
    links: tuple[_Link, ...]  # links to other, untrusted hosts


def spam_block(element: _Element, base_url: str, hidden: bool = False) -> SpamBlock | None:
    """The element as a spam block, or None when it is not one (rules in the module docs)."""
    evidence = _evidence(element, base_url)
    gambling = [link.host for link in evidence.links if link.gambling_host]
    baited = [link for link in evidence.links if link.terms]
    found = _found(evidence.terms, gambling)
    if hidden:
        hosts = {link.host for link in evidence.links}
        if evidence.terms or gambling or (_mostly_links(evidence, 3) and len(hosts) >= 2):
            return SpamBlock(True, found or _farm(evidence))
        return None
    little_prose = evidence.prose_words < MIN_PROSE_WORDS
    if little_prose and (gambling or len(baited) >= 2):
        return SpamBlock(False, found)
    if _stuffed(evidence.terms, evidence.words, linked=bool(evidence.links)):
        return SpamBlock(False, found)
    if little_prose and _is_farm(evidence):
        return SpamBlock(False, _farm(evidence))
    return None


def stuffed_line(text: str) -> SpamBlock | None:
    """A line of text alone (no markup left to judge) as spam: stuffed with gambling terms."""
    terms = gambling_terms(text)
    if _stuffed(terms, len(_WORD.findall(text)), linked=False):
        return SpamBlock(False, _found(terms, []))
    return None


def _stuffed(terms: Iterable[str], words: int, linked: bool) -> bool:
    """Gambling terms make ``STUFFED_SHARE`` of the words: three distinct ones, or two and a
    link to another host (a block judged in a body always has one)."""
    terms = list(terms)
    term_words = sum(len(term.split()) for term in terms)
    if not words or term_words < STUFFED_SHARE * words:
        return False
    distinct = len(set(terms))
    return distinct >= 3 or (distinct >= 2 and linked)


def injected_blocks(region: _Element, base_url: str) -> list[SpamBlock]:
    """Take the spam blocks in sight out of the region (modified in place), the smallest
    block that the rules condemn each time, then the gambling-host links left inside prose.
    Only blocks holding a link to another, untrusted host are judged: in nearly every article
    there is none, and a look at its links is all it costs."""
    links = [
        (anchor, host)
        for anchor in _EXTERNAL_LINKS(region)
        for host in [_other_host(anchor.get("href"), base_url)]
        if host
    ]
    candidates: set[_Element] = set()
    for anchor, host in links:
        if _trusted(host):
            continue
        for ancestor in anchor.iterancestors():
            if ancestor is region or ancestor in candidates:
                break
            candidates.add(ancestor)
    removed: list[SpamBlock] = []
    if candidates:
        for element in reversed(list(region.iterdescendants())):  # innermost first
            if element in candidates:
                found = spam_block(element, base_url)
                if found is not None:
                    _drop(element)
                    removed.append(found)
    for anchor, host in links:
        if is_gambling_host(host) and _within(anchor, region):
            terms = gambling_terms(anchor.text_content())
            if terms or not squash(anchor.text_content()):
                _drop(anchor)
            else:
                anchor.drop_tag()  # a word of the sentence made a link: the word stays
            removed.append(SpamBlock(False, _found(terms, [host])))
    return removed


def spam_warning(blocks: list[SpamBlock]) -> str | None:
    """``spam-injected: N blocks removed (...)`` with the first pieces of evidence."""
    if not blocks:
        return None
    evidence = list(dict.fromkeys(e for block in blocks for e in block.evidence))
    hidden = sum(block.hidden for block in blocks)
    shown = ", ".join(evidence[:MAX_EVIDENCE]) + (", …" if len(evidence) > MAX_EVIDENCE else "")
    count = f"{len(blocks)} block{'s' if len(blocks) > 1 else ''} removed"
    return f"spam-injected: {count} ({hidden} hidden; {shown})"


def _evidence(element: _Element, base_url: str) -> _Evidence:
    text = _visible_text(element)
    links = []
    link_words = 0
    for anchor in element.iter("a"):
        anchor_text = _visible_text(anchor)
        link_words += len(_WORD.findall(anchor_text))
        host = _untrusted_host(anchor.get("href"), base_url)
        if host:
            terms = tuple(gambling_terms(anchor_text))
            links.append(_Link(host, anchor_text, terms, is_gambling_host(host)))
    words = len(_WORD.findall(text))
    terms = gambling_terms(text)
    return _Evidence(words, max(words - link_words, 0), tuple(terms), tuple(links))


def _is_farm(evidence: _Evidence) -> bool:
    """Many short keyword anchors to many other hosts (a reference list's anchors are titles
    or addresses; a press list or a portal's links box points at .vn hosts)."""
    anchors = [
        link
        for link in evidence.links
        if not _looks_like_address(link.text) and not link.host.endswith(FARMLESS_SUFFIXES)
    ]
    if len(anchors) < FARM_LINKS or len({link.host for link in anchors}) < FARM_HOSTS:
        return False
    words = sum(len(_WORD.findall(link.text)) for link in anchors)
    return words <= FARM_ANCHOR_WORDS * len(anchors)


def _mostly_links(evidence: _Evidence, minimum: int) -> bool:
    return len(evidence.links) >= minimum and evidence.prose_words < MIN_PROSE_WORDS


def _farm(evidence: _Evidence) -> tuple[str, ...]:
    hosts = list(dict.fromkeys(link.host for link in evidence.links))
    return (f"{len(evidence.links)} links to {len(hosts)} other hosts",)


def _found(terms: Iterable[str], hosts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*terms, *hosts]))


def _untrusted_host(href: str | None, base_url: str) -> str | None:
    """Another host a link points at, unless a government's, a university's or a share bar's."""
    host = _other_host(href, base_url)
    return None if not host or _trusted(host) else host


def _trusted(host: str) -> bool:
    return host.endswith(TRUSTED_SUFFIXES) or host in PLATFORMS


def _within(element: _Element, region: _Element) -> bool:
    """Still in the region (not inside a block taken out)."""
    return any(ancestor is region for ancestor in element.iterancestors())


def _other_host(href: str | None, base_url: str) -> str | None:
    """The host an http(s) link points at when it is not the page's own site."""
    if not href:
        return None
    try:
        target = urlsplit(urljoin(base_url, href.strip()))
        own = (urlsplit(base_url).hostname or "").removeprefix("www.")
    except ValueError:
        return None
    host = (target.hostname or "").removeprefix("www.")
    if target.scheme not in ("http", "https") or not host:
        return None
    if host == own or host.endswith(f".{own}") or own.endswith(f".{host}"):
        return None
    return host


def _looks_like_address(text: str) -> bool:
    text = text.strip().lower()
    return text.startswith(("http://", "https://", "www.")) or bool(
        re.fullmatch(r"[\w.-]+\.[a-z]{2,}(?:/\S*)?", text)
    )


_SKIP = frozenset(["script", "style", "noscript", "template"])
_BREAKS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
     "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p",
     "section", "table", "td", "th", "tr", "ul"]
)  # fmt: skip


def _visible_text(element: _Element) -> str:
    """The element's text as laid out (words joined across inline tags, apart across blocks),
    without scripts and styles, squashed."""
    parts: list[str] = []

    def walk(node: _Element) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag or tag in _SKIP:
            return
        block = tag in _BREAKS
        parts.append(" " if block else "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    walk(element)
    return squash("".join(parts))


def _drop(element: _Element) -> None:
    """Remove an element with its tail when that is only separators ("|", "-", ","), else
    keep the tail in place."""
    if element.getparent() is None:
        return
    if element.tail and _SEPARATORS.match(element.tail):
        element.tail = None
    element.drop_tree()
