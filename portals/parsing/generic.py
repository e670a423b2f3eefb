"""The generic extractor, for pages without working selectors (hosts with no site definition,
or a layout change): trafilatura names the main text, the body region is the smallest element
that holds its first and last paragraph lines, and the title is the heading that best fits
the page: the one the page's <title> or declared headline repeats, placed just before the body.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import trafilatura
from lxml.etree import _Element

from portals.parsing.chrome import is_chrome, is_imprint
from portals.parsing.dates import dateline_date
from portals.parsing.text import squash

NEEDLE_CHARS = 40
MIN_PROSE_WORDS = 8
MIN_LINE_WORDS = 4  # a line of an article written in short lines
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")
OTHER_TEXT_WEIGHT = 0.5  # how much a region's non-prose text counts against it
_BLOCKS = frozenset(
    ["p", "div", "td", "th", "li", "dd", "blockquote", "section", "article", "pre", "center",
     "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "table", "tr", "tbody", "ul", "ol"]
)  # fmt: skip
LIST_MARKERS = ("- ", "* ", "• ")
TITLE_CHARS = (10, 300)
_TITLE_LIKE = re.compile(r"title|tieu-?de|tieude|heading|headline|articleheader", re.IGNORECASE)
_HIDDEN = re.compile(r"\b(?:hidden|ms-hide|sr-only|visually-hidden|d-none|hide)\b", re.IGNORECASE)
_NOT_TITLE_TAGS = frozenset(["a", "li", "option", "button", "body", "head", "title"])
_NOT_TITLE_ANCESTORS = frozenset(
    ["a", "nav", "footer", "aside", "select", "option", "button", "li", "marquee"]
)
# Widgets that sit inside article regions on many portals (related items, "other news",
# share and print bars, tags): dropped when the body comes from the generic extractor.
GENERIC_DROP = (
    "[class*=lien-quan]", "[class*=lienquan]", "[class*=relate]", "[class*=tin-khac]",
    "[class*=tinkhac]", "[class*=other-news]", "[class*=othernews]", "[class*=cung-chuyen-muc]",
    "[class*=xem-them]", "[class*=xemthem]", "[class*=share]", "[class*=social]",
    "[class*=print]", "[class*=tags]", "[class*=comment]", "[class*=binh-luan]",
)  # fmt: skip
AUTHOR_BOXES = "[class*=author], [class*=tacgia], [class*=tac-gia], [class*=byline], [rel=author]"
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»]+\s+")


@dataclass(frozen=True)
class MainText:
    """Where trafilatura's main text sits in the page."""

    region: _Element | None
    first_element: _Element | None
    first_line: str
    last_line: str
    text: str
    lead: str | None = None  # the text of a lead box before the region (also the summary)
    page_region: _Element | None = None  # the page's own element the region is (or joins)


def find_main_text(root: _Element, html: str, url: str) -> MainText | None:
    """Locate the main text; None when trafilatura finds none.

    trafilatura's prose lines (not headings, list items, menus or table rows) are found in
    the page's blocks; the region is the element that holds the most of that prose and the
    least other text. Stray lines trafilatura kept (a footer address, a welcome banner) are
    thus left out, and so are the sidebars of a layout table around the article.
    trafilatura runs without its fallback extractors (readability, jusText: half its time)
    first, and with them only when that finds no prose in the page. Where no block holds its
    text, its text alone is the main text (``region`` None): never less than trafilatura."""
    headings = {squash(element.text_content()) for element in _title_candidates(root)}
    body = root.find(".//body")
    blocks = _Blocks(body if body is not None else root)
    found = ""
    best: list[tuple[str, _Element]] = []
    best_text = ""
    for fast in (True, False):
        text = trafilatura.extract(
            html,
            url=url,
            favor_precision=True,
            fast=fast,
            include_comments=False,
            include_tables=True,
        )
        lines = [
            sentence
            for sentence in _sentences(text or "")
            if not any(h and sentence.startswith(h) for h in headings)
            and not is_chrome(sentence)
            and not is_imprint(sentence)
        ]
        # prose lines bound the region; in an article written mostly in short lines, its
        # lines of a few words do
        located = blocks.locate([line for line in lines if is_prose(line)])
        short = [ln for ln in lines if _short_line(ln)]
        if sum(map(len, short)) > sum(len(line) for line, _ in located):
            located = blocks.locate([ln for ln in lines if is_prose(ln) or _short_line(ln)])
        found = found or text or ""
        if _prose_chars(located) > _prose_chars(best):
            best, best_text = located, text or ""
        # the fast pass is enough when it found an article's worth of prose (it can return
        # no more than the captions of a page whose text sits in bare <div>s)
        if _prose_chars(best) >= ENOUGH_PROSE_CHARS:
            break
    if not best:
        # trafilatura found text that no block of the page holds as prose (short lines, text
        # it rewrote): its text is the body, never nothing where it found something
        return MainText(None, None, "", "", found) if found.strip() else None
    located, text = best, best_text
    region = _densest_region(located)
    inside = [(line, block) for line, block in located if _within(block, region)]
    first, last = inside[0], inside[-1]
    first_line, last_line = first[0][:NEEDLE_CHARS], last[0][:NEEDLE_CHARS]
    if region.tag in ("body", "html"):
        return MainText(None, first[1], first_line, last_line, text or "")
    region = _wrapper_of(region)
    lead, page_region = _lead(region), region
    joined = _with_continuations(region, lead)
    if joined is not None:  # a copy of the joined blocks, outside the page
        region, first_line, last_line = joined
    return MainText(
        region, first[1], first_line, last_line, text or "", squash_or_none(lead), page_region
    )


CONTINUING_TAGS = frozenset(["div", "section", "article"])
MIN_CONTINUATION_WORDS = 15
MAX_LINK_SHARE = 0.3
_WIDGET_CLASS = re.compile(
    r"lien-?quan|relate|tin-?khac|other|share|social|print|tags?\b|comment|binh-?luan|tool|"
    r"rating|vote|author|tac-?gia|footer|sidebar|menu|nav",
    re.IGNORECASE,
)


def _wrapper_of(region: _Element) -> _Element:
    """The block a region is the whole content of (DotNetNuke's ``<span id=…lblBody>`` in its
    ``<div>``): the lead box and the continuing fields are that block's siblings."""
    while region.tag not in CONTINUING_TAGS:
        parent = region.getparent()
        if parent is None or parent.tag in ("body", "html", "td", "table", "tr", "tbody"):
            break
        if squash(parent.text_content()) != squash(region.text_content()):
            break
        region = parent
    return region


def _with_continuations(
    region: _Element, lead: _Element | None
) -> tuple[_Element, str, str] | None:
    """The region joined with its lead box and the sibling blocks after it that carry on its
    prose: portals split one article over several rich-text fields (a sapo field, a second
    text field after an image). Siblings that hold prose and few links, next to the region or
    to each other (empty blocks and images between them kept), are taken; anything else (a
    tools bar, a related list, a heading) ends the run. None when no sibling carries on."""
    parent = region.getparent()
    if parent is None or region.tag not in CONTINUING_TAGS or parent.tag in ("body", "html"):
        return None
    siblings = [e for e in parent if isinstance(e.tag, str)]
    after = _run(siblings[siblings.index(region) + 1 :])
    if not after and lead is None:
        return None
    joined = region.makeelement("div", {})
    for element in (*([lead] if lead is not None else []), region, *after):
        joined.append(copy.deepcopy(element))
    prose = [text for _, text in _Blocks(joined).leaves if is_prose(text)]
    if not prose:
        return None
    return joined, prose[0][:NEEDLE_CHARS], prose[-1][:NEEDLE_CHARS]


MAX_LEAD_WORDS = 120
LEAD_LEVELS = 3


def _lead(region: _Element) -> _Element | None:
    """A lead box (sapo) standing just before the region: a block of prose of a few
    sentences, the first paragraph of the article as the page prints it (and its summary)."""
    for _ in range(LEAD_LEVELS):  # the region may be the wrapper's first child (a rich-text field)
        parent = region.getparent()
        if parent is None or region.tag not in CONTINUING_TAGS or parent.tag in ("body", "html"):
            return None
        siblings = [e for e in parent if isinstance(e.tag, str)]
        earlier = siblings[: siblings.index(region)]
        if any(squash(e.text_content()) for e in earlier):
            before = _run(earlier[::-1])
            if not before:
                return None
            words = len(squash(before[0].text_content()).split())
            return before[0] if words <= MAX_LEAD_WORDS else None
        region = parent
    return None


def squash_or_none(element: _Element | None) -> str | None:
    return squash(element.text_content()) if element is not None else None


def _run(siblings: list[_Element]) -> list[_Element]:
    """The siblings that carry on the prose (with the empty and image-only blocks between
    them), up to the first that does not."""
    taken: list[_Element] = []
    pending: list[_Element] = []
    for element in siblings:
        kind = _continuation_kind(element)
        if kind == "prose":
            taken += [*pending, element]
            pending = []
        elif kind == "empty":
            pending.append(element)
        else:
            break
    return taken


def _continuation_kind(element: _Element) -> str:
    """'prose' (a block of the article's own text), 'empty' (no text: a spacer, an image) or
    'other'."""
    text = squash(element.text_content())
    if not text:
        return "empty"
    if element.tag not in CONTINUING_TAGS or _hidden(element):
        return "other"
    if _WIDGET_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"):
        return "other"
    links = sum(len(squash(a.text_content())) for a in element.iter("a"))
    if links > MAX_LINK_SHARE * len(text) or is_chrome(text):
        return "other"
    if len(text.split()) < MIN_CONTINUATION_WORDS or not any(map(is_prose, _sentences(text))):
        return "other"
    return "prose"


ENOUGH_PROSE_CHARS = 400
MAX_LINK_SHARE_OF_PROSE = 0.5


def _prose_chars(located: list[tuple[str, _Element]]) -> int:
    return sum(len(line) for line, _ in located)


class _Blocks:
    """The page's block elements, to find the block that holds a line of text: the
    innermost one, among the blocks holding no other block first (their text computed once),
    then among the others (a ``<div>`` whose own text sits beside a child ``<div>``: old
    portals write paragraphs as text and ``<br>`` around a share bar)."""

    def __init__(self, start: _Element) -> None:
        elements = [e for e in start.iter() if isinstance(e.tag, str) and e.tag.lower() in _BLOCKS]
        holding: set[_Element] = set()
        for element in elements:
            for ancestor in element.iterancestors():
                if ancestor in holding:
                    break  # marked with all its ancestors already
                holding.add(ancestor)
        self.leaves = [
            (element, text)
            for element in elements
            if element not in holding
            for text in [squash(element.text_content())]
            if text
        ]
        # innermost first: a block comes after every block that holds it in page order
        self._holders = [e for e in reversed(elements) if e in holding]
        self._holder_texts: list[str] | None = None
        self._link_share: dict[_Element, float] = {}

    def locate(self, lines: list[str]) -> list[tuple[str, _Element]]:
        """Each line that a block holds, with that block; lines of link lists (a side box of
        "Văn bản mới", "Các tin khác": their block's text mostly links) are not the article's."""
        return [
            (line, block)
            for line in lines
            for block in [self.holding(line)]
            if block is not None and not self._mostly_links(block)
        ]

    def _mostly_links(self, block: _Element) -> bool:
        if block not in self._link_share:
            text = len(squash(block.text_content())) or 1
            links = sum(len(squash(a.text_content())) for a in block.iter("a"))
            self._link_share[block] = links / text
        return self._link_share[block] > MAX_LINK_SHARE_OF_PROSE

    def holding(self, line: str) -> _Element | None:
        needle = line[:NEEDLE_CHARS]
        found = next((element for element, text in self.leaves if needle in text), None)
        if found is not None:
            return found
        if self._holder_texts is None:  # a holder's own text: a line trafilatura ran together
            self._holder_texts = [_own_text(e) for e in self._holders]  # from blocks holds none
        pairs = zip(self._holders, self._holder_texts, strict=True)
        return next((element for element, text in pairs if needle in text), None)


def _own_text(element: _Element) -> str:
    """An element's text outside the blocks it holds (its own paragraphs between them)."""
    bare = copy.deepcopy(element)
    inner = [e for e in bare.iterdescendants() if isinstance(e.tag, str) and e.tag in _BLOCKS]
    for block in inner:
        block.drop_tree()  # its tail stays: the holder's own text after it
    return squash(bare.text_content())


def _densest_region(located: list[tuple[str, _Element]]) -> _Element:
    """The ancestor with the most prose inside and the least other text."""
    prose: dict[_Element, int] = {}  # each block and its ancestors: the prose they hold
    for line, block in located:
        for element in (block, *block.iterancestors()):
            prose[element] = prose.get(element, 0) + len(line)
    best, best_score = located[0][1], float("-inf")
    for element, inside in prose.items():
        other = max(len(squash(element.text_content())) - inside, 0)
        score = inside - OTHER_TEXT_WEIGHT * other
        if score > best_score:
            best, best_score = element, score
    return best


def _within(element: _Element, region: _Element | None) -> bool:
    return region is None or element is region or _contains(region, element)


def _sentences(text: str) -> list[str]:
    """trafilatura's text as sentences: a layout table comes out as rows of cells ("| a | b |")
    that merge many page blocks, while a sentence stays inside one block of the page."""
    found = []
    for raw in text.splitlines():
        for cell in re.split(r"(?<!\\)\|", raw):
            found += [squash(s) for s in _SENTENCE_END.split(squash(cell)) if squash(s)]
    return found


def _short_line(line: str) -> bool:
    return MIN_LINE_WORDS <= len(line.split()) < MIN_PROSE_WORDS and not line.startswith(
        LIST_MARKERS
    )


def is_prose(line: str) -> bool:
    """A line of the article's own prose, fit to bound the body: a sentence-sized line, not a
    list item ("- …", related-article lists), a row of several table cells or a menu
    ("Trang chủ | Liên hệ", "TRANG CHỦ GIỚI THIỆU TIN TỨC" in capitals; a layout table's
    single cell is kept, without trafilatura's "|" marks) or a counter ("Tổng số truy cập:
    1.086.903")."""
    return (
        len(line.split()) >= MIN_PROSE_WORDS
        and not line.startswith(LIST_MARKERS)
        and "|" not in line
        and not line.isupper()  # a menu or a banner in capitals ("TRANG CHỦ GIỚI THIỆU …")
    )


def find_title(
    root: _Element, main: MainText | None, declared: str | None
) -> tuple[_Element | None, str | None]:
    """The article's heading element and text. Candidates are headings and title-like
    elements outside links, menus and lists; the page's <title> and declared headline
    (og:title, JSON-LD) vote for the one they repeat, and the nearest one before the main
    text wins among equals. Falls back to the declared headline or the <title> itself."""
    page_title = squash(root.findtext(".//title") or "")
    # a menu label the <title> also carries (a category page title) votes for nothing
    labels = {_fold(a.text_content()) for a in root.iter("a")}
    votes = [_fold(v) for v in (page_title, declared or "") if v]
    order = {element: index for index, element in enumerate(root.iter())}
    start = (
        order.get(main.first_element, len(order))
        if main and main.first_element is not None
        else None
    )
    best: tuple[float, int, _Element, str] | None = None
    before = (
        _headline_before(main.first_element) if main and main.first_element is not None else None
    )
    candidates = _title_candidates(root, tuple(votes))
    competes = before is not None and _styled_as_headline(before)
    # trafilatura may count an unmarked headline as the text's first line ("post-head" <div>)
    opening = main.first_element if main else None
    opening = opening if opening is not None and _opens_with_headline(opening) else None
    if opening is None and main and main.first_element is not None:  # set in a plain cell
        first = main.first_element
        opening = first if _opens_with_headline(first, styled=False) else None
    extra = [e for e in (before if competes else None, opening) if e is not None]
    for element in [*candidates, *(e for e in extra if e not in candidates)]:
        text = squash(element.text_content())
        position = order.get(element, 0)
        score = _title_score(element, text, [] if _fold(text) in labels else votes)
        if _fold(text) in labels and len(text.split()) < SECTION_WORDS:
            score -= 4  # a section's name, also a menu or breadcrumb link: not the headline
        if element is before or element is opening:
            score += HEADLINE_BONUS  # read as a headline, next to the text: as good as a class
        if start is not None:
            score += 3 if position < start or element is opening else -3
            score -= (start - position) / 2000 if position < start else 0
        if best is None or score > best[0]:
            best = (score, position, element, text)
    if best is not None and best[0] > 0:
        return best[2], best[3]
    fallback = declared or max(_TITLE_SEPARATORS.split(page_title), key=len, default="")
    return None, squash(fallback) or None


HEADLINE_WORDS = (5, 40)
SECTION_WORDS = 6  # a section's name ("Tin tức sự kiện") is shorter than a headline
HEADLINE_BONUS = 2
HEADLINE_LOOKBACK = 12


_HEADLINE_CLASS = re.compile(r"title|tieu-?de|head|name|subject", re.IGNORECASE)
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
# set larger than text: <font size="4">, "font-size: 17px", "1.3em", "large"
_LARGE = re.compile(
    r"font-size\s*:\s*(?:(?:1[5-9]|[2-9]\d)(?:\.\d+)?px|(?:1[2-9]|[2-9]\d)(?:\.\d+)?pt|"
    r"(?:1\.[2-9]|[2-9](?:\.\d+)?)(?:em|rem)|(?:x{0,2}-)?large)",
    re.IGNORECASE,
)
_LARGE_FONT_SIZES = frozenset({"4", "5", "6", "7", "+1", "+2", "+3", "+4"})
MIN_HEADLINE_WORDS_TO_COMPETE = 8


def _styled_as_headline(element: _Element) -> bool:
    """A headline without heading markup that still looks like one: long enough, and set in
    bold, in a large font or in a header-like element ("news-headbar", a bold <div>, <font
    size="4">), so that it may compete
    with the page's headings (otherwise it is only the title of a page that has none)."""
    text = squash(element.text_content())
    if len(text.split()) < MIN_HEADLINE_WORDS_TO_COMPETE:
        return False
    # the element, the one inline element wrapping all its text (<td><font size="4">…), and
    # the element's nearest ancestors
    wrappers = [c for c in element if isinstance(c.tag, str) and squash(c.text_content()) == text]
    for node in (element, *wrappers[:1], *list(element.iterancestors())[:2]):
        if not isinstance(node.tag, str):
            continue
        if node.tag in ("b", "strong") or _BOLD.search(node.get("style") or ""):
            return True
        if _LARGE.search(node.get("style") or ""):
            return True
        if node.tag == "font" and (node.get("size") or "").strip() in _LARGE_FONT_SIZES:
            return True
        if _HEADLINE_CLASS.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


def _opens_with_headline(element: _Element, styled: bool = True) -> bool:
    """The main text's first block is a headline, not prose: headline-sized, set as one (bold,
    a header-like class), no sentence ending. Unstyled (``styled=False``): a block of its own
    that is not a paragraph (a layout table's cell, a bare <div>) holding a headline-sized
    line, which the page's CSS sets as the headline."""
    line = squash(element.text_content())
    if not HEADLINE_WORDS[0] <= len(line.split()) <= HEADLINE_WORDS[1]:
        return False
    if line.endswith((".", ":", ";", ",", "!", "?", "…")) or line.isupper() or is_chrome(line):
        return False
    if dateline_date(line):
        return False
    if not styled:
        return element.tag in ("td", "div", "th") and not element.findall(".//a")
    return _styled_as_headline(element)


def _headline_before(first: _Element) -> _Element | None:
    """A headline printed without heading markup (a <span> in a header bar): the nearest
    text before the main text that reads as one, headline-sized, no sentence, no link."""
    for text in first.xpath("preceding::text()[normalize-space()]")[::-1][:HEADLINE_LOOKBACK]:
        holder = text.getparent()
        if holder is None or not isinstance(holder.tag, str):
            continue
        line = squash(holder.text_content())
        words = len(line.split())
        if not HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1] or line.endswith((".", ":")):
            continue
        if line.isupper() or is_chrome(line) or dateline_date(line) or _hidden(holder):
            continue
        if any(a.tag in _NOT_TITLE_ANCESTORS for a in (holder, *holder.iterancestors())
               if isinstance(a.tag, str)):  # fmt: skip
            continue
        return holder
    return None


def _title_score(element: _Element, text: str, votes: list[str]) -> float:
    folded = _fold(text)
    score = 0.0
    words = len(text.split())
    # The <title> votes only for a headline-sized text: "Chi tiết tin", "Nội dung tin" are
    # page-title residues that portals also print as portlet headings.
    if words >= 5 and any(folded == vote or folded in vote for vote in votes):
        score += 6
    tag = element.tag.lower()
    score += {"h1": 3, "h2": 2, "h3": 1}.get(tag, 0)
    if _TITLE_LIKE.search(f"{element.get('class', '')} {element.get('id', '')}"):
        score += 2
    if text.isupper():
        score -= 4  # a banner ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"), not a headline
    if words < 4:
        score -= 3
    return score


@lru_cache(maxsize=2)  # find_main_text (no votes) and find_title (votes) of one page
def _title_candidates(root: _Element, votes: tuple[str, ...] = ()) -> list[_Element]:
    """Headings, title-like elements and elements that repeat the page's <title> (or its
    declared headline) word for word, with headline-sized text, innermost first kept."""
    body = root.find(".//body")
    repeated = {
        part
        for vote in votes
        for part in (vote, *_TITLE_SEPARATORS.split(vote))
        if len(part.split()) >= 5
    }
    found = []
    for element in (body if body is not None else root).iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        title_like = _TITLE_LIKE.search(f"{element.get('class', '')} {element.get('id', '')}")
        if tag not in ("h1", "h2", "h3") and not (title_like and tag not in ("body", "head")):
            lead = (element.text or "").split(maxsplit=1)
            if not repeated or not lead or tag in _NOT_TITLE_TAGS:
                continue
            # The element's first word must begin a repeated title: a cheap test that spares
            # the text_content() of most elements of the page.
            first = unicodedata.normalize("NFC", lead[0]).casefold()
            if not any(part.startswith(first) for part in repeated):
                continue
            if _fold(element.text_content()) not in repeated:
                continue
        text = squash(element.text_content())
        if not TITLE_CHARS[0] <= len(text) <= TITLE_CHARS[1] or _hidden(element):
            continue
        if any(
            a.tag in _NOT_TITLE_ANCESTORS for a in element.iterancestors() if isinstance(a.tag, str)
        ):
            continue
        found.append(element)
    # A container holding a candidate (a header block with title, date and author) yields to it.
    holders = {ancestor for element in found for ancestor in element.iterancestors()}
    return [e for e in found if e not in holders]


def _hidden(element: _Element) -> bool:
    for node in (element, *element.iterancestors()):
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or _HIDDEN.search(node.get("class") or ""):
            return True
    return False


def _contains(outer: _Element, inner: _Element) -> bool:
    return any(ancestor is outer for ancestor in inner.iterancestors())


def _fold(text: str) -> str:
    return squash(text).casefold()


SIGNATURE_TEXTS = 3  # texts just after the body region read as its signature
MAX_SIGNATURE_CHARS = 120
_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)


def lines_after(region: _Element) -> list[tuple[str, bool]]:
    """The short lines just after the body region, each with whether it is set apart as a
    signature is (right-aligned, or in bold): where a portal prints "Sơn La, ngày 18 tháng 9
    năm 2023" and "Bài, ảnh: Quỳnh Anh" in a cell of their own, after the text."""
    lines: list[tuple[str, bool]] = []
    for text in region.xpath("following::text()[normalize-space()]")[:SIGNATURE_TEXTS]:
        holder = text.getparent()
        whole = squash(holder.text_content()) if holder is not None else ""
        line = whole if len(whole) <= MAX_SIGNATURE_CHARS else squash(text)
        if line and len(line) <= MAX_SIGNATURE_CHARS and (not lines or lines[-1][0] != line):
            lines.append((line, holder is not None and _set_apart(holder)))
    return lines


def _set_apart(element: _Element) -> bool:
    for node in (element, *list(element.iterancestors())[:3]):
        if not isinstance(node.tag, str):
            continue
        if node.tag in ("strong", "b") or (node.get("align") or "").lower() == "right":
            return True
        if _RIGHT.search(node.get("style") or ""):
            return True
    return False
