"""Listing pages read without selectors: the article links and the next page found from the page
itself, for a listing a site definition no longer matches (a redesign) or a portal that has no
definition at all. Pure functions of the page.

The article list is the repeated block whose items each hold one link with a headline-sized
text, and often a date, a teaser or a thumbnail; menus (short link texts, no teaser), boxes
headed "Tin mới", "Xem nhiều", "Tin liên quan" and the page's nav/aside/footer lose to it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml.etree import _Element

from portals.parsing.dates import InvalidDate, parse_date
from portals.parsing.text import squash
from portals.parsing.urls import absolute

MAX_ANCHORS = 3000  # anchors read on one page; a listing of more is cut here (and said)
ITEM_CHARS = 800  # an item (title, date, teaser) is short; a whole column is not
TITLE_WORDS = 4  # a headline has at least this many words; a menu entry rarely does
NOT_PAGES = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|bmp|svg|webp|mp[34]|avi|flv|swf)$",
    re.IGNORECASE,
)
# Headings of boxes that list articles beside the listing, never the listing itself.
SIDE_BOX_WORDS = re.compile(
    r"tin mới|mới nhất|mới cập nhật|xem nhiều|đọc nhiều|nổi bật|tiêu điểm|liên quan|tin khác|"
    r"cùng chuyên mục|các tin đã đưa|tin đã đưa|tin ảnh|video|liên kết|most read|popular|"
    r"latest|related|trending",
    re.IGNORECASE,
)
CHROME_TAGS = frozenset(["nav", "aside", "footer", "header", "select", "option", "marquee"])
NEXT_WORDS = ("»", "›", ">", ">>", "trang sau", "sau", "tiếp", "tiếp theo", "trang tiếp", "next")
# The page number in the URL shapes portals use: ?page=N, &trang=N, /page-N, /trang-N, Liferay
# ..._cur=N, DNN /currentpage/N, SharePoint PageFirstRow is an offset, not a number.
PAGE_IN_URL = re.compile(
    r"(?:[?&](?:page|trang|p|pg|pageindex|currentpage|page_no|pagenum|paged)=|_cur=|"
    r"/(?:page|trang)[-/]|/currentpage/)(\d+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArticleList:
    """The article list of a page: its links, the containers holding it, the links' anchors."""

    links: list[Link]
    containers: list[_Element]
    anchors: list[_Element]
    cut: bool = False  # the page had more than MAX_ANCHORS candidate links: the rest unread


@dataclass(frozen=True)
class Link:
    """An article link of a listing page and the text of its item (title, date, teaser)."""

    url: str
    context: str


def find_article_list(
    root: _Element,
    url: str,
    owns: Callable[[str], bool],
    accept: Callable[[str], bool] = lambda _: True,
    key: Callable[[str], str] = lambda link: link,
) -> ArticleList:
    """The links of the page's article list, in page order, once each (absolute URLs).

    ``owns`` says whether a URL is on the portal; ``accept`` narrows the candidates (a site's
    article URL pattern, when it still matches); ``key`` names one article's URLs alike
    (``www.`` or not, absolute or relative: the canonical URL)."""
    candidates, cut = _candidate_anchors(root, url, owns, accept)
    anchors = [(a, key(link)) for a, link in candidates]
    if not anchors:
        return ArticleList([], [], [], cut)
    items = link_items(anchors)
    container_of = _containers(items)
    groups: dict[_Element, list[tuple[_Element, str, _Element]]] = {}
    for anchor, link, item in items:
        groups.setdefault(container_of[item], []).append((anchor, link, item))
    page_title = _fold(root.findtext(".//title") or "")
    scored = {c: _score(c, members, page_title) for c, members in groups.items()}
    best = max(scored, key=lambda c: scored[c])
    if scored[best] <= 0:
        return ArticleList([], [], [], cut)
    chosen = [best]
    # A featured first item often sits in its own block beside the list: a close relative of
    # the list's container, not under a side-box heading, scoring as well per item.
    per_item = scored[best] / len({m[1] for m in groups[best]})
    near = {best.getparent(), *(a for a in list(best.iterancestors())[:2])}
    for container, score in scored.items():
        if container is best or score <= 0:
            continue
        count = len({m[1] for m in groups[container]})
        if score / count >= per_item / 2 and (container.getparent() in near or container in near):
            chosen.append(container)
    found: dict[str, str] = {}
    picked = []
    for anchor, link, item in items:
        if container_of[item] in chosen:
            picked.append(anchor)
            if link not in found:
                found[link] = squash(item.text_content())
    links = [Link(link, context) for link, context in found.items()]
    return ArticleList(links, chosen, picked, cut)


def _candidate_anchors(
    root: _Element, url: str, owns: Callable[[str], bool], accept: Callable[[str], bool]
) -> tuple[list[tuple[_Element, str]], bool]:
    """The page's headline links to accepted pages of the portal, and whether there were
    more than MAX_ANCHORS candidates (the rest are not read)."""
    here = url.split("#")[0]
    home = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}{p}" for p in ("", "/")}
    anchors: list[tuple[_Element, str]] = []
    cut = False
    for anchor in root.iter("a"):
        if len(anchors) >= MAX_ANCHORS:
            cut = True
            break
        href = anchor.get("href")
        link = absolute(url, href) if href else None
        if not link:
            continue
        link = link.split("#")[0]
        if link == here or link in home or NOT_PAGES.search(urlsplit(link).path):
            continue
        if owns(link) and accept(link):
            anchors.append((anchor, link))
    # A URL is a headline link when one of its anchors reads like a headline.
    headline = {link for anchor, link in anchors if _headline(anchor)}
    return [(anchor, link) for anchor, link in anchors if link in headline], cut


def _headline(anchor: _Element) -> bool:
    text = squash(anchor.text_content()) or squash(anchor.get("title") or "")
    return len(text.split()) >= TITLE_WORDS and not text.isupper()


def link_items(anchors: list[tuple[_Element, str]]) -> list[tuple[_Element, str, _Element]]:
    """Each anchor with its item: the largest ancestor that links to no other article and is
    short. One pass: every ancestor learns the links under it."""
    under: dict[_Element, set[str]] = {}
    for anchor, link in anchors:
        for element in (anchor, *anchor.iterancestors()):
            links = under.setdefault(element, set())
            if len(links) > 1:
                break  # its ancestors hold two links already
            links.add(link)
    lengths: dict[_Element, int] = {}
    items = []
    for anchor, link in anchors:
        item = anchor
        for ancestor in anchor.iterancestors():
            if len(under.get(ancestor, ())) > 1:
                break
            if ancestor not in lengths:
                lengths[ancestor] = len(squash(ancestor.text_content()))
            if lengths[ancestor] > ITEM_CHARS:
                break
            item = ancestor
        items.append((anchor, link, item))
    return items


def _containers(items: list[tuple[_Element, str, _Element]]) -> dict[_Element, _Element]:
    """The block each item belongs to: its parent; or, where that parent holds only this
    item and has siblings of its own shape (a full-text listing of ``<article>`` blocks each
    with a headline and a whole body), the parent of those siblings."""
    parent = {i: i.getparent() if i.getparent() is not None else i for *_, i in items}
    links: dict[_Element, set[str]] = {}
    for _, link, item in items:
        links.setdefault(parent[item], set()).add(link)
    shapes: dict[tuple[_Element | None, object, str], int] = {}
    for block in links:
        if len(links[block]) == 1:
            key = (block.getparent(), block.tag, block.get("class") or "")
            shapes[key] = shapes.get(key, 0) + 1
    container_of = {}
    for item, block in parent.items():
        key = (block.getparent(), block.tag, block.get("class") or "")
        repeated = len(links[block]) == 1 and shapes.get(key, 0) > 1 and key[0] is not None
        container_of[item] = key[0] if repeated else block
    return container_of


def _score(
    container: _Element, members: list[tuple[_Element, str, _Element]], page_title: str
) -> float:
    """How much a container looks like the article list: headline words, teasers, dates and
    thumbnails of its items, twice as much under a heading the page's <title> repeats (the
    category's name), half as much again when a pager follows it; nothing under a side-box
    heading or inside page chrome."""
    seen: set[str] = set()
    score = 0.0
    for anchor, link, item in members:
        if link in seen:
            continue
        seen.add(link)
        title = squash(anchor.text_content()) or squash(anchor.get("title") or "")
        text = squash(item.text_content())
        score += min(len(title.split()), 30)
        score += min(max(len(text) - len(title), 0), 400) / 25
        score += 3 if _has_date(text) else 0
        score += 2 if item.find(".//img") is not None or item.tag == "img" else 0
    if len(seen) < 2:
        score /= 2  # one link is a banner or a featured box, rarely the list
    chrome = (container, *container.iterancestors())
    if any(isinstance(a.tag, str) and a.tag.lower() in CHROME_TAGS for a in chrome):
        return 0.0
    heading = _heading_before(container)
    if SIDE_BOX_WORDS.search(heading):
        return 0.0
    if page_title and any(
        len(h.split()) >= 2 and h in page_title for h in _texts_before(container)
    ):
        score *= 2
    if _pager_follows(container):
        score *= 1.5
    return score


def _texts_before(container: _Element) -> list[str]:
    texts = container.xpath("preceding::text()[normalize-space()][position() <= 3]")
    return [_fold(t) for t in texts if t.getparent().tag not in ("script", "style")]


def _pager_follows(container: _Element) -> bool:
    texts = container.xpath("following::text()[normalize-space()][position() <= 8]")
    words = {_fold(t) for t in texts}
    return bool(words & {"1", "2", *NEXT_WORDS}) or any(w.startswith(NEXT_WORDS[4:]) for w in words)


def _fold(text: str) -> str:
    return squash(text).casefold()


def _heading_before(container: _Element) -> str:
    """The text just before the container (its box's heading), a few words of it."""
    texts = container.xpath("preceding::text()[normalize-space()][position() <= 3]")
    return " ".join(squash(t) for t in texts if t.getparent().tag not in ("script", "style"))[-80:]


def _has_date(text: str) -> bool:
    if not re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|tháng", text):
        return False
    try:
        return parse_date(text) is not None
    except InvalidDate:
        return True


def next_page_url(root: _Element, url: str, number: int) -> str | None:
    """The link to listing page ``number`` (the page after ``url``), from the page alone:
    rel=next, a link whose text is the number or a "next" word, a link whose URL carries the
    number the way pagers write it. Links that lead elsewhere than this listing are ignored."""
    found = next_page_link(root, url, number)
    return found[1] if found else None


def next_page_link(root: _Element, url: str, number: int) -> tuple[_Element, str] | None:
    """The pager's ``<a>`` (or ``<link rel=next>``) to page ``number`` and its absolute URL."""
    ranked: list[tuple[int, int, str, _Element]] = []
    for position, anchor in enumerate(root.iter("a", "link")):
        href = anchor.get("href")
        link = absolute(url, href) if href else None
        if not link or link.split("#")[0] == url.split("#")[0] or not _same_listing(link, url):
            continue
        rank = _pager_rank(anchor, link, number)
        if rank is not None:
            ranked.append((rank, position, link, anchor))
    if not ranked:
        return None
    best = min(ranked, key=lambda r: r[:2])
    return best[3], best[2]


def _pager_rank(anchor: _Element, link: str, number: int) -> int | None:
    """0: rel=next; 1: the number, linked with the number in its URL; 2: a next word; 3: the
    number alone; 4: a URL carrying the number; None: not a pager link."""
    if "next" in (anchor.get("rel") or "").lower().split():
        return 0
    text = squash(anchor.text_content()).lower()
    labels = {text, *(squash(anchor.get(k) or "").lower() for k in ("title", "aria-label"))}
    labels |= {
        squash(img.get("alt") or img.get("title") or "").lower() for img in anchor.iter("img")
    }
    in_url = any(int(m) == number for m in PAGE_IN_URL.findall(unquote(link)))
    if text == str(number):
        return 1 if in_url else 3
    if labels & set(NEXT_WORDS):
        return 2
    if in_url and not text.isdigit():
        return 4
    return None


def _same_listing(link: str, url: str) -> bool:
    """Same host, and a path that shares its first segment with the listing's (a pager does
    not leave the section)."""
    a, b = urlsplit(link), urlsplit(url)
    if a.hostname != b.hostname or a.scheme not in ("http", "https"):
        return False
    first = [s for s in a.path.split("/") if s][:1]
    return first == [s for s in b.path.split("/") if s][:1]


def url_pattern(urls: Iterable[str]) -> str:
    """A regex matching these article URLs and URLs of the same shape: the segments they share
    kept, ids as digits, title slugs as slugs, other varying parts as any text."""
    shapes: dict[int, list[list[str]]] = {}
    for url in urls:
        parts = _parts(url)
        shapes.setdefault(len(parts), []).append(parts)
    alternatives = []
    for group in shapes.values():
        columns = list(zip(*group, strict=True))
        pieces = [_generalise(column) for column in columns]
        alternatives.append("".join(pieces))
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"^{body}$"


_SPLIT = re.compile(r"(://|/|\?|&|=|%2F|%3A)", re.IGNORECASE)


def _parts(url: str) -> list[str]:
    scheme, rest = url.split("://", 1)
    return [f"{scheme}://", *[p for p in _SPLIT.split(rest) if p]]


def _generalise(column: tuple[str, ...]) -> str:
    values = set(column)
    if len(values) == 1:
        return re.escape(column[0])
    if all(v.isdigit() for v in values):
        return r"\d+"
    slug_id = re.compile(r"^(?:[^\W_]+[-_])+\d+(\.\w+)?$")
    if all(slug_id.match(v) for v in values):
        suffixes = {slug_id.match(v).group(1) or "" for v in values}
        suffix = re.escape(suffixes.pop()) if len(suffixes) == 1 else r"(?:\.\w+)?"
        return rf"[\w-]+-\d+{suffix}"
    words = min(len(re.split(r"[-_]", v)) for v in values)
    if words >= 3 and all(re.fullmatch(r"[\w-]+(\.\w+)?", v) for v in values):
        extensions = {m.group(1) for v in values if (m := re.search(r"(\.\w+)$", v))}
        extension = re.escape(extensions.pop()) if len(extensions) == 1 else ""
        return rf"[^\W_]+(?:[-_][^\W_]+){{{min(words, 5) - 1},}}{extension}"
    return r"[^/?&=]+"
