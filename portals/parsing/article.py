"""Assemble an Article from one page: site selectors first, declared metadata and the generic
extractor where selectors are missing or come back empty, Vietnamese rules always."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from parsel import Selector

from portals.items import Article
from portals.parsing.body import Body, extract_body
from portals.parsing.bylines import Byline, parse_byline, split_lead_source, split_trailing_byline
from portals.parsing.dates import DateOrder, InvalidDate, parse_date, split_title_date
from portals.parsing.generic import find_main_text
from portals.parsing.metadata import read_meta
from portals.parsing.text import squash
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import detect_platform, platform_of, selectors_for
from portals.registry import Selectors, Site

NO_SELECTORS = Selectors()
HEADER_TEXT_CHARS = 400


class ArticleParseError(ValueError):
    """The page has no article: no title or no body. ``reason`` is a short stable code."""

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.reason = reason


def parse_article(html: str, url: str, site: Site | None = None) -> Article:
    """Parse one article page. ``site`` is None for hosts that are not registered."""
    page = Selector(text=html, base_url=url)
    platform = platform_of(site) if site else detect_platform(html, url)
    selectors = selectors_for(site) if site else platform.selectors if platform else NO_SELECTORS
    order: DateOrder = site.date_order if site else "dmy"
    meta = read_meta(page)
    methods: dict[str, str] = {"platform": platform.name} if platform else {}
    warnings: list[str] = []

    raw_title, methods["title"] = _first(
        (_css_text(page, selectors.title), "selector"),
        (meta.title[0] if meta.title else None, "meta"),
        (_css_text(page, "h1"), "h1"),
    )
    title, title_date = split_title_date(raw_title or "", order)
    if not title:
        raise ArticleParseError("no-title", url)

    body, methods["body"] = _body(page, html, url, selectors, title)
    paragraphs, byline = split_trailing_byline(body.paragraphs)
    lead_source = None
    if paragraphs:
        paragraphs[0], lead_source = split_lead_source(paragraphs[0])
    source = "; ".join(s for s in dict.fromkeys([byline.source, lead_source]) if s) or None
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ArticleParseError("no-body", url)

    published, methods["published"] = _published(
        page, selectors, meta.published, title_date, order, warnings
    )
    author = _author(page, selectors, byline, meta.author, methods)
    summary, methods["summary"] = _first(
        (_css_text(page, selectors.summary), "selector"),
        (meta.description[0] if meta.description else None, "meta"),
    )
    category, methods["category"] = _first(
        (_css_text(page, selectors.category), "selector"),
        (meta.section[0] if meta.section else None, "meta"),
    )
    if source:
        methods["source"] = "byline"
    if body.images:
        methods["images"] = methods["body"]
    return Article(
        url=_canonical(page, url, site),
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
        language=site.language if site else (page.xpath("/html/@lang").get() or "vi")[:2],
        methods={k: v for k, v in methods.items() if v},
        warnings=warnings,
    )


def _body(
    page: Selector, html: str, url: str, selectors: Selectors, title: str
) -> tuple[Body, str]:
    """The body from the site's region selector, else from the generic main-text region."""
    region = page.css(selectors.body) if selectors.body else []
    if region:
        body = extract_body(region[0].root, url, selectors.drop)
        if body.paragraphs:
            return body, "selector"
    main = find_main_text(page.root, html, url, title)
    if main is None:
        raise ArticleParseError("no-body", url)
    if main.region is None:
        paragraphs = [squash(line) for line in main.text.splitlines() if squash(line)]
        return Body(paragraphs=paragraphs, images=[], html=""), "trafilatura"
    body = extract_body(main.region, url, selectors.drop)
    return Body(_trim(body.paragraphs, main.first_line, main.last_line), body.images, body.html), (
        "trafilatura"
    )


def _trim(paragraphs: list[str], first: str, last: str) -> list[str]:
    """Keep the paragraphs from trafilatura's first line to its last, plus byline lines after."""
    start = next((i for i, p in enumerate(paragraphs) if first in p), 0)
    end = next((i for i in range(len(paragraphs) - 1, -1, -1) if last in paragraphs[i]), None)
    if end is None or end < start:
        return paragraphs[start:]
    tail = []
    for line in paragraphs[end + 1 : end + 4]:
        if parse_byline(line) is None:
            break
        tail.append(line)
    return paragraphs[start : end + 1] + tail


def _published(
    page: Selector,
    selectors: Selectors,
    declared: tuple[str, str] | None,
    title_date: datetime | None,
    order: DateOrder,
    warnings: list[str],
) -> tuple[datetime | None, str | None]:
    """Publication date: the site's date element, the title line, declared metadata, then the
    text right after the title. Never the page chrome (header 'today' dates)."""
    candidates: list[tuple[str | datetime | None, str]] = [
        (_css_text(page, selectors.date), "selector"),
        (title_date, "title-line"),
        (declared[0] if declared else None, "meta"),
        (_text_after_heading(page, selectors.title or "h1"), "header-text"),
    ]
    for value, method in candidates:
        if isinstance(value, datetime):
            return value, method
        if not value:
            continue
        try:
            parsed = parse_date(value, order)
        except InvalidDate as exc:
            warnings.append(f"invalid date {value!r} ({method}): {exc}")
            continue
        if parsed:
            return parsed, method
    warnings.append("no publication date found")
    return None, None


def _author(
    page: Selector,
    selectors: Selectors,
    trailing: Byline,
    declared: tuple[str, str] | None,
    methods: dict[str, str],
) -> Byline:
    """Author from the site's author element, the trailing byline, then declared metadata."""
    for text, method in (
        (_css_text(page, selectors.author), "selector"),
        (trailing.author and trailing, "byline"),
        (declared[0] if declared else None, "meta"),
    ):
        byline = parse_byline(text) if isinstance(text, str) else text
        if isinstance(byline, Byline) and byline.author:
            methods["author"] = method
            return byline
    return Byline()


def _canonical(page: Selector, url: str, site: Site | None) -> str:
    """rel=canonical when it names an article of the same site, else the fetched URL."""
    origin = site.homepage if site else None
    declared = absolute(url, page.xpath('//link[@rel="canonical"]/@href').get())
    if declared:
        declared = canonical_url(declared, origin if site and site.owns(declared) else None)
        same_site = site.is_article_url(declared) if site else _same_host(declared, url)
        if same_site:
            return declared
    return canonical_url(url, origin if site and site.owns(url) else None)


def _same_host(a: str, b: str) -> bool:
    return urlsplit(a).hostname == urlsplit(b).hostname and urlsplit(a).path not in ("", "/")


def _text_after_heading(page: Selector, heading: str) -> str | None:
    """The few hundred characters that follow the title: where portals print the date line."""
    nodes = page.css(heading)
    if not nodes:
        return None
    following = nodes[0].xpath("following::text()[normalize-space()]").getall()
    text = ""
    for piece in following:
        text = f"{text} {squash(piece)}"
        if len(text) >= HEADER_TEXT_CHARS:
            break
    return text.strip() or None


def _css_text(page: Selector, css: str | None) -> str | None:
    if not css:
        return None
    nodes = page.css(css)
    return squash(" ".join(nodes[0].xpath(".//text()").getall())) if nodes else None


def _first(*candidates: tuple[str | None, str]) -> tuple[str | None, str | None]:
    for value, method in candidates:
        if value:
            return value, method
    return None, None
