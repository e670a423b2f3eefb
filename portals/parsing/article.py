"""Assemble an Article from one page: site selectors first, declared metadata and the generic
extractor where selectors are missing or come back empty, Vietnamese rules always."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from html import escape
from urllib.parse import urlsplit

from lxml.etree import XPath, _Element, iterwalk
from lxml.html import HTMLParser
from parsel.selector import create_root_node

from portals.items import Article
from portals.parsing.body import Body, extract_body
from portals.parsing.bylines import (
    CREDIT_LABEL,
    Byline,
    credit_in_line,
    parse_byline,
    split_lead_source,
    split_leading_byline,
    split_trailing_byline,
)
from portals.parsing.chrome import RELATED_HEADING
from portals.parsing.dates import (
    DateOrder,
    InvalidDate,
    dateline_date,
    long_form_date,
    parse_date,
    split_dateline,
    split_title_date,
)
from portals.parsing.generic import (
    AUTHOR_BOXES,
    GENERIC_DROP,
    MainText,
    find_main_text,
    find_title,
    is_prose,
    lines_after,
)
from portals.parsing.metadata import read_meta
from portals.parsing.sanitize import sanitize_html
from portals.parsing.select import PageSelection, select
from portals.parsing.spam import spam_warning, stuffed_line
from portals.parsing.text import LEGACY_ENCODING, legacy_encoding, repair_mojibake, squash
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import detect_platform, platform_of, selectors_for
from portals.registry import Selectors, Site

NO_SELECTORS = Selectors()
HEADER_TEXT_CHARS = 400
_TIME_DATETIME = XPath("//article//time/@datetime | //main//time/@datetime")
_UNREAD = frozenset(["script", "style"])
_CREDIT_STARTS = (
    "Tác giả", "Người viết", "Phóng viên", "Cộng tác viên", "Bài", "Tin", "Author", "By",
    "Written", "Story",
)  # fmt: skip
_CREDIT_WORDS = tuple({start.split()[0] for start in _CREDIT_STARTS})
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # what XPath's normalize-space() folds
_BLOCK_TAGS = frozenset(["p", "div", "td", "li", "section", "article", "span", "em", "i"])
MAX_CREDIT_CHARS = 120


class ArticleParseError(ValueError):
    """The page has no article: no title or no body. ``reason`` is a short stable code."""

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.reason, self.url = reason, url

    def __reduce__(self) -> tuple[type[ArticleParseError], tuple[str, str]]:
        return type(self), (self.reason, self.url)  # raised in a parser process, re-raised here


def parse_article(html: str, url: str, site: Site | None = None) -> Article:
    """Parse one article page. ``site`` is None for hosts that are not registered."""
    html, repaired = repair_mojibake(html)
    page = create_root_node(html, HTMLParser, base_url=url)  # the tree parsel's Selector parses
    platform = platform_of(site) if site else detect_platform(html, url)
    selectors = selectors_for(site) if site else platform.selectors if platform else NO_SELECTORS
    order: DateOrder = site.date_order if site else "dmy"
    meta = read_meta(page)
    methods: dict[str, str] = {"platform": platform.name} if platform else {}
    warnings: list[str] = ["mojibake repaired (wrong charset declaration)"] if repaired else []

    main = _MainText(page, html, url)
    on_page = PageSelection(page)  # the site's selectors, which mostly open alike
    title_element = _first_node(on_page, selectors.title)
    if title_element is not None:
        raw_title, methods["title"] = squash(title_element.text_content()), "selector"
    else:
        declared_title = meta.title[0] if meta.title else None
        title_element, raw_title = find_title(page, main.get(), declared_title)
        methods["title"] = "heading" if title_element is not None else "meta"
    title, title_date = split_title_date(raw_title or "", order)
    if not title:
        raise ArticleParseError("no-title", url)

    body, methods["body"] = _body(on_page, url, selectors, main, trusted=site is not None)
    paragraphs = body.paragraphs
    if paragraphs and paragraphs[0].startswith(title):  # the heading caught in the region
        paragraphs = paragraphs[1:]
    paragraphs, byline = split_trailing_byline(_signature_split(paragraphs))
    paragraphs, leading = split_leading_byline(paragraphs)
    if leading is not None and byline.author is None:
        byline = Byline(leading.author, leading.author_org, byline.source or leading.source)
    paragraphs = _without_datelines(paragraphs)
    found = main.get() if methods["body"].startswith("trafilatura") else None
    summary, methods["summary"] = _first(
        (_css_text(on_page, selectors.summary), "selector"),
        (found.lead if found else None, "lead-box"),
        (meta.description[0] if meta.description else None, "meta"),
    )
    lead_source = None
    if paragraphs:
        paragraphs[0], lead_source = split_lead_source(paragraphs[0])
    printed_lead = methods["summary"] != "meta" and paragraphs and paragraphs[0] == squash(summary)
    if lead_source is None and printed_lead and len(paragraphs) > 1:
        # the lead box read as the first paragraph (the generic path): the text opens next
        paragraphs[1], lead_source = split_lead_source(paragraphs[1])
    source = "; ".join(s for s in dict.fromkeys([byline.source, lead_source]) if s) or None
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ArticleParseError("no-body", url)

    # read once: a dateline and a byline may both be there
    signature = _signature(found.page_region if found else None)
    header_text = cache(partial(_text_after, title_element))  # the date's and the author's
    published, methods["published"] = _published(
        on_page,
        selectors,
        meta.published,
        title_date,
        header_text,
        body,
        signature,
        order,
        warnings,
    )
    author = _author(on_page, selectors, byline, meta.author, methods, signature, header_text)
    category, methods["category"] = _first(
        (_css_text(on_page, selectors.category), "selector"),
        (meta.section[0] if meta.section else None, "meta"),
    )
    warnings += [warning for warning in [spam_warning(body.spam)] if warning]
    if legacy_encoding(f"{title} {' '.join(paragraphs)}"):
        warnings.append(f"{LEGACY_ENCODING} (TCVN3/VNI): stored as served")
    if source:
        methods["source"] = "byline"
    if body.images:
        methods["images"] = methods["body"]
    return Article(
        url=_canonical(meta.canonical, url, site),
        site=site.slug if site else "",
        title=title,
        summary=summary,
        published=published,
        author=author.author,
        author_org=author.author_org,
        source=source,
        category=category,
        body_text="\n\n".join(paragraphs),
        body_html=body.html,
        images=body.images,
        language=site.language if site else (page.get("lang") or "vi")[:2],
        methods={k: v for k, v in methods.items() if v},
        warnings=warnings,
    )


class _MainText:
    """trafilatura's main text of the page, computed once and only when a field needs it."""

    def __init__(self, page: _Element, html: str, url: str) -> None:
        self.page, self.html, self.url = page, html, url
        self._found: MainText | None = None
        self._done = False

    def get(self) -> MainText | None:
        if not self._done:
            self._found, self._done = find_main_text(self.page, self.html, self.url), True
        return self._found


def _body(
    page: PageSelection, url: str, selectors: Selectors, main: _MainText, trusted: bool
) -> tuple[Body, str]:
    """The body from the region selector, else from the generic main-text region. A site's
    selector is trusted; a family's (for an unregistered host) only when its region holds the
    prose the generic extractor found."""
    regions = page(selectors.body) if selectors.body else []
    if regions:
        # A family's selector can also match a banner or a lead box: the body is the longest.
        region = regions[0]
        if len(regions) > 1:
            region = max(regions, key=lambda r: len(squash(r.text_content())))
        drop = selectors.drop if trusted else (*selectors.drop, *GENERIC_DROP)
        body = extract_body(region, url, drop)
        found = None if trusted else main.get()
        holds_prose = found is None or found.first_line in " ".join(body.paragraphs)
        if body.paragraphs and holds_prose:
            return body, "selector"
    found = main.get()
    if found is None:
        raise ArticleParseError("no-body", url)
    if found.region is None:  # trafilatura's text, where no region of the page holds it
        lines = [squash(line) for line in found.text.splitlines() if squash(line)]
        judged = [(line, stuffed_line(line)) for line in lines]
        spam = [block for _, block in judged if block]
        paragraphs = [line for line, block in judged if block is None]
        html = sanitize_html("".join(f"<p>{escape(p)}</p>" for p in paragraphs))
        return Body(paragraphs, [], html, spam=spam), "trafilatura-text"
    body = extract_body(found.region, url, (*selectors.drop, *GENERIC_DROP))
    paragraphs = _before_related(_trim(body.paragraphs, found.first_line, found.last_line))
    return Body(paragraphs, body.images, body.html, spam=body.spam), "trafilatura"


def _trim(paragraphs: list[str], first: str, last: str) -> list[str]:
    """Keep the paragraphs from the first prose paragraph (at the latest, the one holding
    trafilatura's first line) to the one holding its last line, plus byline lines after."""
    start = next((i for i, p in enumerate(paragraphs) if first in p), 0)
    start = next((i for i, p in enumerate(paragraphs[:start]) if is_prose(p)), start)
    end = next((i for i in range(len(paragraphs) - 1, -1, -1) if last in paragraphs[i]), None)
    if end is None or end < start:
        return paragraphs[start:]
    tail = []
    for line in paragraphs[end + 1 : end + 4]:
        if parse_byline(line) is None:
            break
        tail.append(line)
    return paragraphs[start : end + 1] + tail


def _before_related(paragraphs: list[str]) -> list[str]:
    """The body up to a "Tin liên quan" / "Các tin khác" heading: what follows is the portal's
    list of other articles, recognised by what its heading says, not by a class name."""
    for index, paragraph in enumerate(paragraphs):
        if index and RELATED_HEADING.fullmatch(paragraph):
            return paragraphs[:index]
    return paragraphs


def _published(
    page: PageSelection,
    selectors: Selectors,
    declared: tuple[str, str] | None,
    title_date: datetime | None,
    header_text: Callable[[], str | None],
    body: Body,
    signature: Sequence[tuple[str, bool]],
    order: DateOrder,
    warnings: list[str],
) -> tuple[datetime | None, str | None]:
    """Publication date: the site's date element, the title line, declared metadata, a
    <time datetime>, the text right after the title, a posted-on line of the body, then a
    dateline in long form ("Hải Phòng, ngày 06 tháng 12 năm 2019") opening or closing the
    body, or in the signature just after it; the first found wins, never the page chrome
    (header 'today' dates). The others check it: an ambiguous day/month that an unambiguous
    form reads the other way round is swapped, and a disagreement is a warning."""
    candidates: list[tuple[Callable[[], str | datetime | None], str]] = [
        (lambda: _css_text(page, selectors.date), "selector"),
        (lambda: title_date, "title-line"),
        (lambda: declared[0] if declared else None, "meta"),
        (lambda: next(iter(_TIME_DATETIME(page.root)), None), "time"),
        (header_text, "header-text"),
        (lambda: body.posted[0] if body.posted else None, "posted-on"),
        (lambda: _dateline(body.paragraphs), "dateline"),
        (lambda: _dateline_after(signature), "signature"),
    ]
    dates = _dates_of(candidates, order, warnings)
    first = next(dates, None)
    if first is None:
        warnings.append("no publication date found")
        return None, None
    (chosen, method), others = first, _Found(dates)
    printed = _printed_instead(chosen, method, others)
    if printed is not None:
        warnings.append(
            f"declared date {chosen.date()} is not the date the page prints "
            f"({printed[1]} {printed[0].date()}): the printed one kept"
        )
        return printed
    return _checked_date(chosen, method, others, warnings), method


def _dates_of(
    candidates: list[tuple[Callable[[], str | datetime | None], str]],
    order: DateOrder,
    warnings: list[str],
) -> Iterator[tuple[datetime, str]]:
    """The dates the candidates give, in their order, each looked for when asked for."""
    found = False
    for find, method in candidates:
        value = find()
        if isinstance(value, datetime):
            found = True
            yield value, method
            continue
        try:
            parsed = parse_date(value, order) if value else None
        except InvalidDate as exc:
            if not found:  # a later candidate's fault is no fault of the date kept
                warnings.append(f"invalid date {value!r} ({method}): {exc}")
            continue
        if parsed:
            found = True
            yield parsed, method


class _Found:
    """The other candidates' dates, found only as far as a check reads them: most pages
    settle on the second (the same day), and the text after the title is not parsed."""

    def __init__(self, dates: Iterator[tuple[datetime, str]]) -> None:
        self._dates = dates
        self._seen: list[tuple[datetime, str]] = []

    def __iter__(self) -> Iterator[tuple[datetime, str]]:
        index = 0
        while True:
            if index == len(self._seen):
                item = next(self._dates, None)
                if item is None:
                    return
                self._seen.append(item)
            yield self._seen[index]
            index += 1


_PRINTED = ("header-text", "posted-on")


def _printed_instead(
    chosen: datetime, method: str, others: Iterable[tuple[datetime, str]]
) -> tuple[datetime, str] | None:
    """The date printed beside the title (or on a posted-on line) where the declared one is
    days away from it, both ways of reading it: a stale or templated meta tag, and what a
    reader sees and cites is the printed date. A day apart, the declared date (with its time
    and zone) is kept."""
    if method != "meta":
        return None
    printed = next(((d, how) for d, how in others if how in _PRINTED), None)
    if printed is None or abs((printed[0].date() - chosen.date()).days) <= 1:
        return None
    day, month = printed[0].day, printed[0].month
    if day <= 12 and printed[0].replace(day=month, month=day).date() == chosen.date():
        return None  # only the day/month order differs: the declared date settles it
    return printed


_UNAMBIGUOUS = ("meta", "time", "dateline", "signature")


def _checked_date(
    chosen: datetime, method: str, others: Iterable[tuple[datetime, str]], warnings: list[str]
) -> datetime:
    first = next(iter(others), None)
    if first is None or any(other.date() == chosen.date() for other, _ in others):
        return chosen
    if method not in _UNAMBIGUOUS and chosen.day <= 12 and chosen.day != chosen.month:
        swapped = chosen.replace(day=chosen.month, month=chosen.day)
        witness = next((how for other, how in others if how in _UNAMBIGUOUS and other.date()
                        == swapped.date()), None)  # fmt: skip
        if witness:
            warnings.append(f"day and month of the {method} date swapped: the {witness} says so")
            return swapped
    other, how = first
    warnings.append(f"dates disagree: {method} {chosen.date()}, {how} {other.date()}")
    return chosen


def _signature_split(paragraphs: list[str]) -> list[str]:
    """A last line holding a signature's dateline and its byline, as two lines."""
    split = split_dateline(paragraphs[-1]) if paragraphs else None
    if split is None or parse_byline(split[1]) is None:
        return paragraphs
    return [*paragraphs[:-1], *split]


def _without_datelines(paragraphs: list[str]) -> list[str]:
    """The body without a dateline paragraph at its start (after a lead, if any) or its end
    ("Huế, October 22, 2020", "Hải Phòng, ngày 06 tháng 12 năm 2019"): a date line, read as
    a date candidate, not prose."""
    kept = list(paragraphs)
    for index in range(min(2, len(kept))):  # a lead box may come before the dateline
        if dateline_date(kept[index]):
            del kept[index]
            break
    if kept and dateline_date(kept[-1]):
        kept = kept[:-1]
    return kept if kept else paragraphs


def _dateline(paragraphs: list[str]) -> datetime | None:
    """A long-form date in the first paragraph or the last two: a dateline or a signature
    (the byline may follow it)."""
    for paragraph in [*paragraphs[:1], *paragraphs[1:][-2:]]:
        found = long_form_date(paragraph)
        if found:
            return found
    return None


def _author(
    page: PageSelection,
    selectors: Selectors,
    trailing: Byline,
    declared: tuple[str, str] | None,
    methods: dict[str, str],
    signature: Sequence[tuple[str, bool]] = (),
    header_text: Callable[[], str | None] = lambda: None,
) -> Byline:
    """Author from the site's author element, the trailing byline, an author box, a labelled
    credit line, a credit among the items of the info line after the title, a byline set
    apart just after the generic body region, then declared metadata; each looked for only
    when those before it gave nothing."""
    candidates: list[tuple[Callable[[], str | Byline | None], str]] = [
        (lambda: _css_text(page, selectors.author), "selector"),
        (lambda: trailing.author and trailing, "byline"),
        (lambda: _author_box(page.root), "author-box"),
        (lambda: _labelled_byline(page.root), "author-line"),
        (lambda: credit_in_line(header_text()), "header-text"),
        (lambda: _byline_after(signature), "after-body"),
        (lambda: declared[0] if declared else None, "meta"),
    ]
    for find, method in candidates:
        text = find()
        byline = parse_byline(text) if isinstance(text, str) else text
        if isinstance(byline, Byline) and byline.author:
            methods["author"] = method
            return byline
    return Byline()


def _signature(region: _Element | None) -> list[tuple[str, bool]]:
    """The lines after the body region, a signature's dateline and byline on lines of their
    own (one line holding both is split)."""
    lines: list[tuple[str, bool]] = []
    for line, set_apart in lines_after(region) if region is not None else []:
        split = split_dateline(line)
        lines += [(part, set_apart) for part in split] if split else [(line, set_apart)]
    return lines


def _byline_after(signature: Sequence[tuple[str, bool]]) -> Byline | None:
    """A byline just after the body region: labelled ("Tin, ảnh: Minh Trang"), or a bare name
    set apart as bylines are (right-aligned, in bold)."""
    for line, set_apart in signature:
        byline = parse_byline(line)
        if byline is not None and byline.author and (set_apart or CREDIT_LABEL.match(line)):
            return byline
    return None


def _dateline_after(signature: Sequence[tuple[str, bool]]) -> datetime | None:
    """A signature's dateline just after the body region ("Hà Nam, ngày 19 tháng 5 năm 2023")."""
    return next((d for line, _ in signature if (d := dateline_date(line))), None)


def _labelled_byline(page: _Element) -> Byline | None:
    """The labelled credit line read whole ("Tác giả: Minh Anh"), else its label and the text
    that follows it: a box that sets the label apart from the name ("Tác giả:" in a span, the
    name in a link, then "Xem các bài viết khác của tác giả")."""
    found = _labelled_credit(page)
    if found is None:
        return None
    block, label = found
    following = _text_after_label(label)
    after_label = f"{squash(label.text)} {squash(following)}" if following else ""
    for line in (squash(block.text_content()), after_label):
        byline = parse_byline(line)
        if byline is not None and byline.author:
            return byline
    return None


@dataclass(frozen=True)
class _Label:
    """A text of the page: the element holding it and whether it is that element's tail."""

    holder: _Element
    text: str
    is_tail: bool


def _text_after_label(label: _Label) -> str | None:
    """The text that follows a text of the page, in document order."""
    if label.is_tail:  # the texts after its holder start with it
        texts = _texts_after(label.holder)
        next(texts, None)
        return next(texts, None)
    return next(_texts_within(label.holder, own_text=False), None) or next(
        _texts_after(label.holder), None
    )


def labelled_byline_block(page: _Element) -> _Element | None:
    """A short block of the page that starts with a credit label ("Tác giả:", "Người viết:",
    "Bài, ảnh:"): an author line outside the body region, found by what it says."""
    found = _labelled_credit(page)
    return found[0] if found else None


def _labelled_credit(page: _Element) -> tuple[_Element, _Label] | None:
    """The first credit label's block and the label's own text."""
    for label in _credit_texts(page):
        block: _Element | None = label.holder  # a tail's too: lxml's getparent() of a tail
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.getparent()
        line = squash(block.text_content()) if block is not None else ""
        if line and len(line) <= MAX_CREDIT_CHARS and CREDIT_LABEL.match(line):
            return block, label
    return None


def _credit_texts(page: _Element) -> Iterator[_Label]:
    """The texts of the page's body that open with a credit label's first words, in document
    order, read as XPath's ``starts-with(normalize-space(), 'Tác giả')`` reads them; lazily,
    since the first good one ends the search."""
    body = page.find("body")
    if body is None:
        return
    for holder, text, is_tail in _text_nodes(body):
        if _opens_with_credit(text):
            yield _Label(holder, text, is_tail)


def _opens_with_credit(text: str) -> bool:
    opening = text.lstrip(" \t\r\n")
    return opening.startswith(_CREDIT_WORDS) and _XML_SPACE.sub(" ", opening).startswith(
        _CREDIT_STARTS
    )


def _canonical(canonical: str | None, url: str, site: Site | None) -> str:
    """rel=canonical when it names an article of the same site, else the fetched URL."""
    origin = site.homepage if site else None
    declared = absolute(url, canonical)
    if declared:
        declared = canonical_url(declared, origin if site and site.owns(declared) else None)
        same_site = site.is_article_url(declared) if site else _same_host(declared, url)
        if same_site:
            return declared
    return canonical_url(url, origin if site and site.owns(url) else None)


def _same_host(declared: str, fetched: str) -> bool:
    """A canonical URL of the fetched page's host that still names one page: not the home
    page, and not the fetched URL stripped of the query that identifies the article
    (SharePoint declares ``ChiTietTinTuc.aspx`` for every ``ChiTietTinTuc.aspx?nid=N``)."""
    a, b = urlsplit(declared), urlsplit(fetched)
    if a.hostname != b.hostname or a.path in ("", "/"):
        return False
    return bool(a.query) or not b.query or a.path.rstrip("/") != b.path.rstrip("/")


def _text_after(element: _Element | None) -> str | None:
    """The few hundred characters that follow the title: where portals print the date line."""
    if element is None:
        return None
    text = ""
    for piece in _texts_after(element):
        text = f"{text} {squash(piece)}"
        if len(text) >= HEADER_TEXT_CHARS:
            break
    return text.strip() or None


def _texts_after(element: _Element) -> Iterator[str]:
    """The non-blank texts after ``element`` in document order, its own content left out (the
    XPath ``following::text()``, without script and style content), read lazily: callers want
    the first few, and the whole rest of the page costs ~100 µs."""
    node: _Element | None = element
    while node is not None:
        if node.tail and not node.tail.isspace():
            yield node.tail
        for sibling in node.itersiblings():
            yield from _texts_within(sibling)
            if sibling.tail and not sibling.tail.isspace():
                yield sibling.tail
        node = node.getparent()


def _texts_within(element: _Element, own_text: bool = True) -> Iterator[str]:
    """The non-blank texts inside ``element`` in document order (not its tail), script and
    style content left out."""
    for holder, text, is_tail in _text_nodes(element):
        if text.isspace():
            continue
        if not is_tail and (holder.tag in _UNREAD or (holder is element and not own_text)):
            continue
        yield text


def _text_nodes(element: _Element) -> Iterator[tuple[_Element, str, bool]]:
    """Every text inside ``element`` in document order, as (the element holding it, the text,
    whether it is that element's tail): the element's own text first, its tail not."""
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return
    for event, node in iterwalk(element, events=("start", "end")):
        if event == "start":
            if isinstance(node.tag, str) and node.text:
                yield node, node.text, False
        elif node is not element and node.tail:
            yield node, node.tail, True


def _first_node(page: PageSelection, css: str | None) -> _Element | None:
    """The first element the selector matches, if it has text."""
    if not css:
        return None
    for node in page(css):
        if squash(node.text_content()):
            return node
    return None


def _author_box(page: _Element) -> Byline | None:
    """The author named by an author box: its whole text ("Tác giả: Minh Anh"), else the name
    it sets in bold or links (a box that also lists tags or a biography)."""
    for box in select(page, AUTHOR_BOXES)[:3]:
        for text in (squash(box.text_content()), *_emphasised(box)):
            found = parse_byline(text)
            if found is not None and found.author:
                return found
    return None


def _emphasised(box: _Element) -> list[str]:
    return [squash(e.text_content()) for e in box.iter("strong", "b", "a") if e.text_content()]


def _css_text(page: PageSelection, css: str | None) -> str | None:
    if not css:
        return None
    nodes = page(css)
    return squash(" ".join(nodes[0].itertext())) if nodes else None


def _first(*candidates: tuple[str | None, str]) -> tuple[str | None, str | None]:
    for value, method in candidates:
        if value:
            return value, method
    return None, None
