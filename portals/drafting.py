"""Site definitions drafted from pages: `khcn new-site` (a portal nobody defined), `khcn doctor`
(a definition that drifted) and `khcn crawl --url` (no definition at all). The generic path
reads a listing page and a few articles; what it chose (the article list, the pager link, the
title, the date line, the body region) becomes the selectors, pattern and pager of a proposed
definition, which is checked on the same pages before it is offered. Pure: pages in, a Site
and its TOML out (the commands fetch the pages, portals/page_fetch.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

from lxml.etree import _Element
from lxml.html import HTMLParser
from parsel.selector import create_root_node

from portals.parsing.article import ArticleParseError, labelled_byline_block, parse_article
from portals.parsing.dates import InvalidDate, parse_date
from portals.parsing.derive import common, common_ancestor, css_for, links_css
from portals.parsing.discovery import (
    next_page_link,
    next_page_url,
    url_pattern,
)
from portals.parsing.generic import find_main_text, find_title
from portals.parsing.listing import parse_listing, site_article_list, xml_kind
from portals.parsing.metadata import read_meta
from portals.parsing.pages import ListingPage
from portals.parsing.pagination import next_page, pager_kind, query_page_url
from portals.parsing.select import select
from portals.parsing.text import squash
from portals.parsing.urls import absolute, canonical_url
from portals.platforms import PAGERS, PLATFORMS, detect_platform
from portals.registry import Pagination, Selectors, Site

QUERY_PARAMS = ("page", "trang", "p", "pg", "currentpage", "pageindex", "PageIndex", "paged")
PATH_TEMPLATES = ("{url}/page-{n}", "{url}/trang-{n}", "{url}/page/{n}", "{url}/trang/{n}")
_SLUG_SUFFIX = re.compile(r"\.(?:gov|org|edu|com|net)?\.?vn$|\.(?:com|org|net)$")


@dataclass(frozen=True)
class Page:
    url: str
    html: str


@dataclass
class Draft:
    """A proposed definition, and per field what the old definition and the generic path
    found on the pages read (for the operator's review)."""

    site: Site
    report: list[tuple[str, str, str]] = field(default_factory=list)  # field, definition, generic


def slug_for(url: str) -> str:
    """A site slug from a host: sokhcn.dienbien.gov.vn -> sokhcn_dienbien."""
    host = (urlsplit(url).hostname or "site").lower().removeprefix("www.")
    return re.sub(r"[^a-z0-9]+", "_", _SLUG_SUFFIX.sub("", host)).strip("_") or "site"


def adhoc_site(listing_url: str, html: str = "") -> Site:
    """A site with no definition: its host, its family when the page shows one, no selectors
    and no URL pattern (the listing is read by the generic path)."""
    parts = urlsplit(listing_url)
    host = (parts.hostname or "").lower()
    bare = host.removeprefix("www.")
    platform = detect_platform(html, listing_url) if html else None
    family = platform.name if platform else "custom"
    pager = PLATFORMS[family].pager if PLATFORMS[family].paginate else "next-link"
    return Site(
        slug=slug_for(listing_url),
        name=host,
        department="",
        province="",
        province_current="",
        homepage=canonical_url(f"{parts.scheme}://{parts.netloc}/"),  # a portal on :8080 too
        hosts=(bare, f"www.{bare}"),
        platform=family,
        status="live",
        listing_urls=(listing_url,),
        article_url_pattern="",
        notes=f"Crawled without a definition from {listing_url} (khcn crawl --url).",
        pagination=Pagination(kind=pager),
        unregistered=True,
    )


def draft(listing: Page, articles: list[Page], base: Site | None = None) -> Draft:
    """The definition the pages support: ``base`` (a registered site) with the parts that no
    longer match replaced, or a new one for the listing's host."""
    site = base or adhoc_site(listing.url, listing.html)
    report: list[tuple[str, str, str]] = []
    if xml_kind(listing.html):  # a feed or sitemap: its links need no selector, nor a pager
        urls = parse_listing(listing.html, listing.url, site).article_urls
        if base is None:
            site = replace(site, article_url_pattern=url_pattern(urls) if urls else "")
        report.append(("listing", f"{len(urls)} links (feed)", f"{len(urls)} links"))
        report.append(("pager", "-", "-"))
        site = replace(site, unregistered=False)
    else:
        site = _listing_parts(site, listing, base, report)
    site = replace(site, selectors=_article_selectors(site, articles, base, report))
    return Draft(site, report)


def _listing_parts(
    site: Site, listing: Page, base: Site | None, report: list[tuple[str, str, str]]
) -> Site:
    """Article URL pattern, listing selector and pager from what the generic path chose."""
    root = create_root_node(_markup(site, listing.html), HTMLParser, base_url=listing.url)
    found, _ = site_article_list(root, listing.url, site)  # the pattern, while it matches
    generic_urls = [link.url for link in found.links]
    pattern = site.article_url_pattern
    if base is None or not any(base.is_article_url(u) for u in generic_urls):
        pattern = url_pattern(generic_urls) if generic_urls else ""
    site = replace(site, article_url_pattern=pattern, unregistered=False)
    declared = parse_listing(listing.html, listing.url, base).article_urls if base else []
    selectors = site.selectors
    listing_css = next(
        (
            css
            for css in links_css(found.containers, found.anchors, root)
            if _lists_the_same(site, replace(selectors, listing_links=css), listing, generic_urls)
        ),
        None,
    )
    if base is None or len(declared) < max(1, len(generic_urls) // 2):
        selectors = replace(selectors, listing_links=listing_css)
    report.append(("listing", f"{len(declared)} links", f"{len(generic_urls)} links"))
    site = replace(site, selectors=selectors, pagination=_pagination(site, listing, base))
    site = replace(site, selectors=_next_page_selector(site, listing))
    report.append(("pager", base.pagination.kind or "family" if base else "-",
                   site.pagination.kind or "family"))  # fmt: skip
    if base is None:
        site = replace(site, min_links_per_listing=max(1, min(3, len(generic_urls) // 2)))
    return site


def _markup(site: Site, text: str) -> str:
    return PLATFORMS[site.platform].listing_markup(text)


def _lists_the_same(site: Site, selectors: Selectors, listing: Page, urls: list[str]) -> bool:
    with_selector = replace(site, selectors=selectors)
    listed = parse_listing(listing.html, listing.url, with_selector).article_urls
    wanted = [canonical_url(u, site.homepage) for u in urls]
    return set(listed) == set(wanted)


def _pagination(site: Site, listing: Page, base: Site | None) -> Pagination:
    """The definition's pager where it still leads where the page's own pager does; else the
    pager page 1 shows: the family's own (postback, LoadArticle), ?param=N, a path template,
    or a next link."""
    page = ListingPage(listing.html, listing.url, listing.url, 1)
    if base is not None:
        declared, how = next_page(replace(site, pagination=base.pagination), page)
        if declared is not None and how == "definition":
            root = create_root_node(_markup(site, listing.html), HTMLParser, listing.url)
            shown = next_page_url(root, listing.url, 2)
            if declared.method != "GET" or shown is None or _same_page(shown, declared.url):
                return base.pagination
    return _shown_pager(site, listing, page)


def _next_page_selector(site: Site, listing: Page) -> Selectors:
    """For a next-link pager the definition's own link no longer finds: a selector for the
    link the page's pager shows, kept when it leads to the same page 2."""
    page = ListingPage(listing.html, listing.url, listing.url, 1)
    if pager_kind(site) == "postback":
        return _postback_region(site, listing, page)
    if pager_kind(site) != "next-link" or next_page(site, page)[1] == "definition":
        return site.selectors
    root = create_root_node(_markup(site, listing.html), HTMLParser, base_url=listing.url)
    shown = next_page_link(root, listing.url, 2)
    if shown is None:
        return site.selectors
    # Every link to page 2, the "next" one first: the "2" link's selector fails on page 2.
    links = [a for a in root.iter("a") if absolute(listing.url, a.get("href")) == shown[1]]
    links.sort(key=lambda a: squash(a.text_content()).lower().isdigit())
    for link in links:
        css = css_for(link, root)
        if css is None:
            continue
        proposed = replace(site.selectors, next_page=css)
        following, how = next_page(replace(site, selectors=proposed), page)
        if how == "definition" and following is not None and following.url == shown[1]:
            return proposed
    return site.selectors


def _postback_region(site: Site, listing: Page, page: ListingPage) -> Selectors:
    """For a postback pager whose declared region matches nothing: a selector for the block
    holding the links that post back to the pager's target, kept when it posts the same."""
    root = create_root_node(listing.html, HTMLParser, base_url=listing.url)
    declared = site.selectors.next_page
    if declared and select(root, declared):
        return site.selectors
    unnamed = replace(site.selectors, next_page=None)
    request = PAGERS["postback"](page, 2, unnamed)
    target = dict(parse_qsl(request.body)).get("__EVENTTARGET") if request else None
    if not target:
        return site.selectors
    calls = f"__doPostBack('{target}'"
    links = [a for a in root.iter("a") if calls in (a.get("href") or "") + (a.get("onclick") or "")]
    region = common_ancestor(links) if links else None
    css = css_for(region, root) if region is not None else None
    proposed = replace(site.selectors, next_page=css)
    if css and PAGERS["postback"](page, 2, proposed) == request:
        return proposed
    return site.selectors


def _same_page(a: str, b: str) -> bool:
    """The same listing page, written with or without a trailing slash, params in any order."""

    def key(url: str) -> tuple[str, str, list[tuple[str, str]]]:
        parts = urlsplit(url)
        return parts.netloc.lower(), parts.path.rstrip("/"), sorted(parse_qsl(parts.query))

    return key(a) == key(b)


def _shown_pager(site: Site, listing: Page, page: ListingPage) -> Pagination:
    platform = PLATFORMS[site.platform]
    if platform.paginate and platform.paginate(page, 2, platform.selectors):
        return replace(site.pagination, kind=platform.pager)
    root = create_root_node(_markup(site, listing.html), HTMLParser, base_url=listing.url)
    following = next_page_url(root, listing.url, 2)
    if following is None:
        return replace(site.pagination, kind="none")
    for param in QUERY_PARAMS:
        if following == query_page_url(listing.url, 2, param):
            return replace(site.pagination, kind="query", param=param)
    for template in PATH_TEMPLATES:
        if following == template.format(url=listing.url.rstrip("/"), n=2):
            return replace(site.pagination, kind="path", template=template)
    return replace(site.pagination, kind="next-link")


def _article_selectors(
    site: Site, articles: list[Page], base: Site | None, report: list[tuple[str, str, str]]
) -> Selectors:
    """Title, date, body and author selectors for the elements the generic path chose on each
    page (the author only where a labelled credit line gave it), kept where most pages agree
    and the definition's own no longer finds the field."""
    chosen: dict[str, list[str | None]] = {"title": [], "date": [], "body": [], "author": []}
    for page in articles:
        root = create_root_node(page.html, HTMLParser, base_url=page.url)
        main = find_main_text(root, page.html, page.url)
        meta = read_meta(root)
        title_element, _ = find_title(root, main, meta.title[0] if meta.title else None)
        chosen["title"].append(css_for(title_element, root) if title_element is not None else None)
        if main is not None and main.page_region is not None:
            chosen["body"].append(css_for(main.page_region, root))
        try:
            article = parse_article(page.html, page.url, None)
        except ArticleParseError:
            continue
        date_element = _date_element(root, article, title_element)
        chosen["date"].append(css_for(date_element, root) if date_element is not None else None)
        labelled = article.methods.get("author") == "author-line"
        credit = labelled_byline_block(root) if labelled else None
        chosen["author"].append(css_for(credit, root) if credit is not None else None)
    selectors = site.selectors
    for name in ("title", "date", "body", "author"):
        proposed = common(chosen[name])
        old = getattr(selectors, name)
        works = base is not None and old and _selector_serves(site, articles, name)
        report.append((name, f"{old or '-'}{' (matches)' if works else ''}", proposed or "-"))
        if proposed and not works:
            selectors = replace(selectors, **{name: proposed})
    return selectors


def _selector_serves(site: Site, articles: list[Page], name: str) -> bool:
    field_name = "published" if name == "date" else name
    for page in articles:
        try:
            article = parse_article(page.html, page.url, site)
        except ArticleParseError:
            return False
        if article.methods.get(field_name) != "selector":
            return False
    return bool(articles)


def _date_element(root: _Element, article, title: _Element | None) -> _Element | None:
    """The smallest element after the title whose text shows the publication day."""
    if article.published is None:
        return None
    order = {element: index for index, element in enumerate(root.iter())}
    start = order.get(title, 0) if title is not None else 0
    best = None
    for element in root.iter():
        if not isinstance(element.tag, str) or order[element] <= start:
            continue
        if element.tag in ("script", "style", "html", "body"):
            continue
        text = squash(element.text_content())
        if not text or len(text) > 200:
            continue
        try:
            shown = parse_date(text)
        except InvalidDate:
            continue
        if shown is not None and shown.date() == article.published.date():
            best = element  # later in document order is deeper: keep the innermost
        elif best is not None:
            break
    return best


def site_toml(site: Site) -> str:
    """The definition as a TOML file in the layout of portals/sites/*.toml."""

    def value(v: object) -> str:
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return str(v)

    lines = ["# Site definition drafted by khcn (new-site / doctor): review it, then keep it."]
    for name in ("slug", "name", "department", "province", "province_current", "homepage",
                 "hosts", "platform", "status", "language", "date_order", "listing_urls",
                 "article_url_pattern", "min_links_per_listing"):  # fmt: skip
        lines.append(f"{name} = {value(getattr(site, name))}")
    lines.append(f'notes = """\n{site.notes.strip()}\n"""')
    lines.append("\n[pagination]")
    pager = site.pagination
    if pager.kind:
        lines.append(f"kind = {value(pager.kind)}")
    lines += [f"param = {value(pager.param)}", f"template = {value(pager.template)}"]
    lines.append(f"max_pages = {pager.max_pages}")
    lines.append("\n[selectors]")
    for name in ("listing_links", "next_page", "title", "date", "summary", "category", "author",
                 "body"):  # fmt: skip
        css = getattr(site.selectors, name)
        if css:
            lines.append(f"{name} = {value(css)}")
    if site.selectors.drop:
        lines.append(f"drop = {value(list(site.selectors.drop))}")
    return "\n".join(lines) + "\n"


def listing_toml(
    site: Site, listing: Page, file: str, articles: list[str], tripwire: str | None = None
) -> str:
    """What the listing page read (saved as ``file``) must give, as the site's
    ``tests/fixtures/<slug>/listing.toml`` (docs/adding-a-portal.md §4): its article links in
    order, then the request for page 2 the definition's pager makes; ``tripwire``, a saved
    article page, must trip the wire when read as a listing."""
    following = None
    if articles:  # a page that brings no article ends the listing: no page 2 asked for
        page = ListingPage(listing.html, listing.url, listing.url, 1)
        following, _ = next_page(site, page)
    lines = [
        f"# Listing pages of {site.homepage}, drafted by khcn new-site from the page it read:",
        "# what the spider's listing callback must yield for each (the keys:",
        "# docs/adding-a-portal.md §4). Review it; add the pages you save after page 1 (page 2,",
        "# the out-of-range page), stays_under, never_requested (sidebar-only links) and",
        "# not_articles.",
        f"listing_url = {_toml(listing.url)}",
        "",
        "[[pages]]",
        f"file = {_toml(file)}",
        "articles = [",
        *(f"  {_toml(url)}," for url in articles),
        "]",
    ]
    if following is None:
        lines.append("next = []")
    elif following.method == "GET":
        lines.append(f'next = [{{ url = {_toml(following.url)}, method = "GET" }}]')
    else:
        lines += ["", "[[pages.next]]", f"url = {_toml(following.url)}",
                  f"method = {_toml(following.method)}"]  # fmt: skip
        body, fields = _posted(following.body or "")
        lines.append(f"body = {_toml(body)}")
        if fields:
            lines.append("[pages.next.fields]")
            lines += [f"{_toml(name)} = {_toml(value)}" for name, value in fields.items()]
    if tripwire:
        lines += ["", "[[tripwires]]", f"file = {_toml(tripwire)}"]
    return "\n".join(lines) + "\n"


POSTBACK_FIELDS = ("__EVENTTARGET", "__EVENTARGUMENT")


def _posted(body: str) -> tuple[str, dict[str, str]]:
    """A POST body's kind and the fields worth stating: a JSON body's every field, a form's
    postback target (its page state comes from the page, too long to write down)."""
    try:
        data = json.loads(body)
    except ValueError:
        form = dict(parse_qsl(body, keep_blank_values=True))
        return "form", {name: form[name] for name in POSTBACK_FIELDS if name in form}
    return "json", {str(name): str(value) for name, value in data.items()}


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
