"""Which request brings listing page N+1, for every pager the portals use
(docs/adding-a-portal.md): a pure function of the page just read, its number and what earlier
pages declared. The spider turns the answer into a Scrapy request."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from portals.parsing.text import squash
from portals.parsing.urls import absolute
from portals.platforms import platform_of, selectors_for
from portals.registry import PagerKind, Site

LOAD_ARTICLE_PATH = "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
PAGER_REGIONS = ".pagination, .paging, .pager, .lfr-pagination, .page-links, .phantrang"
NEXT_WORDS = ("»", "›", ">", ">>", "trang sau", "sau", "tiếp", "tiếp theo", "next")
_POSTBACK = re.compile(r"__doPostBack\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)")
_SCRIPT_VALUE = r"\b{name}\s*[:=]\s*(?:parseInt\(\s*)?['\"]?([\w,.-]*)"
LOAD_ARTICLE_KEYS = ("article_category_id", "categoryIds", "site_id", "page_size", "maxPage")


@dataclass(frozen=True)
class ListingPage:
    """A listing page as read: its text, where it came from and the pager state so far."""

    text: str
    url: str
    first_url: str
    number: int
    state: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageRequest:
    """The request for the next listing page; ``state`` travels on to the page after it."""

    url: str
    method: str = "GET"
    body: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    state: Mapping[str, Any] = field(default_factory=dict)


def pager_kind(site: Site) -> PagerKind:
    return site.pagination.kind or platform_of(site).pager


def next_page(site: Site, page: ListingPage) -> PageRequest | None:
    """The request for page ``page.number + 1``, or None when the pager offers none."""
    if page.number >= site.pagination.max_pages:
        return None
    number = page.number + 1
    kind = pager_kind(site)
    if kind == "query":
        return PageRequest(query_page_url(page.first_url, number, site.pagination.param))
    if kind == "path":
        base = page.first_url.rstrip("/")
        return PageRequest(site.pagination.template.format(url=base, n=number))
    if kind == "next-link":
        url = _next_link(Selector(text=page.text, base_url=page.url), page.url, number, site)
        return PageRequest(url) if url else None
    if kind == "postback":
        return _postback(Selector(text=page.text, base_url=page.url), page.url, number, site)
    if kind == "load-article":
        return _load_article(page, number)
    return None


def query_page_url(first_page_url: str, number: int, param: str = "page") -> str:
    """URL of listing page ``number`` for a ``?<param>=N`` pager; page 1 is the URL itself."""
    if number == 1:
        return first_page_url
    parts = urlsplit(first_page_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
    query.append((param, str(number)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _next_link(page: Selector, url: str, number: int, site: Site) -> str | None:
    """The pager's link to page ``number``: the declared selector, rel=next, then a link in
    a pager region whose text is the number or a "next" word."""
    declared = selectors_for(site).next_page
    hrefs = page.css(declared).xpath("@href").getall() if declared else []
    hrefs += page.css("a[rel=next]").xpath("@href").getall()
    for wanted in (str(number), *NEXT_WORDS):
        for link in page.css(PAGER_REGIONS).css("a"):
            if squash(link.xpath("string()").get()).lower() == wanted:
                hrefs.append(link.xpath("@href").get() or "")
    for href in hrefs:
        link = absolute(url, href)
        if link and link != url:
            return link
    return None


def _postback(page: Selector, url: str, number: int, site: Site) -> PageRequest | None:
    """ASP.NET WebForms: post the page's form back as the pager link would."""
    region = page.css(selectors_for(site).next_page) if selectors_for(site).next_page else [page]
    target = _postback_target(region, number)
    form = page.xpath('//form[.//input[@name="__VIEWSTATE"]]') or page.xpath("//form")
    if target is None or not form:
        return None
    fields = {
        name: value
        for name, value in zip(
            form[0].xpath('.//input[@type="hidden"]/@name').getall(),
            form[0].xpath('.//input[@type="hidden"]').xpath("string(@value)").getall(),
            strict=True,
        )
    }
    fields["__EVENTTARGET"], fields["__EVENTARGUMENT"] = target
    action = urljoin(url, form[0].xpath("@action").get() or url)
    return PageRequest(
        action,
        method="POST",
        body=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": url},
    )


def _postback_target(regions: Any, number: int) -> tuple[str, str] | None:
    """(target, argument) of the __doPostBack link to page ``number``: by its text, by an
    argument ending in the number ("Page$2"), then a "next" link."""
    links = []
    for region in regions:
        for link in region.xpath(".//a[@href or @onclick]"):
            script = (link.xpath("@href").get() or "") + (link.xpath("@onclick").get() or "")
            found = _POSTBACK.search(script)
            if found:
                text = squash(link.xpath("string()").get()).lower()
                links.append((text, found.group(1), found.group(2)))
    for text, target, argument in links:
        if text == str(number) or re.search(rf"(?:^|\$){number}$", argument):
            return target, argument
    for text, target, argument in links:
        if text in NEXT_WORDS:
            return target, argument
    return None


def _load_article(page: ListingPage, number: int) -> PageRequest | None:
    """UIArticleInMenu: POST the ids page 1 declares in its inline script as JSON."""
    state = dict(page.state) if page.number > 1 else _load_article_state(page.text)
    if not state.get("article_category_id") or number > int(state.get("maxPage") or 0):
        return None
    size = int(state.get("page_size") or 10)
    payload = {
        "article_category_id": state["article_category_id"],
        "categoryIds": state.get("categoryIds", ""),
        "site_id": state.get("site_id", ""),
        "page": number,
        "page_size": size,
        "show_post_date": "True",
        "num_of_text": 300,
        "show_view_count": "False",
        "no": -size,
        "articlelang": "vi-VN",
        "lang": "vi-VN",
        "is_authenticated": "False",
    }
    parts = urlsplit(page.first_url)
    return PageRequest(
        urlunsplit((parts.scheme, parts.netloc, LOAD_ARTICLE_PATH, "", "")),
        method="POST",
        body=json.dumps(payload),
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Requested-With": "XMLHttpRequest",
            "Referer": page.first_url,
        },
        state=state,
    )


def _load_article_state(html: str) -> dict[str, str]:
    state = {}
    for name in LOAD_ARTICLE_KEYS:
        found = re.search(_SCRIPT_VALUE.format(name=name), html)
        if found and found.group(1):
            state[name] = found.group(1)
    return state


def listing_markup(text: str) -> str:
    """The HTML of a listing answer: an ASP.NET page method wraps it as ``{"d": "<html>"}``."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            return text
        if isinstance(data, dict) and isinstance(data.get("d"), str):
            return data["d"]
    return text
