"""Which request brings listing page N+1, for every pager the portals use
(docs/adding-a-portal.md): a pure function of the page just read, its number and what earlier
pages declared. The generic pagers are here (query, path, next-link); a CMS family's own
(ASP.NET postback, UIArticleInMenu LoadArticle) lives in its adapter in portals/platforms/.
Where the declared pager finds no next page, the page itself is asked (rel=next, "Trang sau",
the numbered link; portals/parsing/discovery.py): a redesign must not end a crawl at page 1.
The spider turns the answer into a Scrapy request."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml.html import HTMLParser
from parsel import Selector
from parsel.selector import create_root_node

from portals.parsing.discovery import NEXT_WORDS, next_page_url
from portals.parsing.pages import ListingPage, PageRequest
from portals.parsing.text import squash
from portals.parsing.urls import absolute
from portals.platforms import PAGERS, platform_of, selectors_for
from portals.registry import PagerKind, Site

__all__ = ["ListingPage", "PageRequest", "next_page", "pager_kind", "query_page_url"]
PAGER_REGIONS = ".pagination, .paging, .pager, .lfr-pagination, .page-links, .phantrang"


def pager_kind(site: Site) -> PagerKind:
    return site.pagination.kind or platform_of(site).pager


def next_page(site: Site, page: ListingPage) -> tuple[PageRequest | None, str]:
    """The request for page ``page.number + 1`` (None when there is none), and how it was
    found: ``definition`` (the declared pager) or ``generic`` (from the page alone)."""
    if page.number >= site.pagination.max_pages:
        return None, "definition"
    number = page.number + 1
    kind = pager_kind(site)
    if kind == "query":
        url = query_page_url(page.first_url, number, site.pagination.param)
        return PageRequest(url), "definition"
    if kind == "path":
        base = page.first_url.rstrip("/")
        return PageRequest(site.pagination.template.format(url=base, n=number)), "definition"
    if kind == "none":
        return None, "definition"
    declared = _declared(kind, site, page, number)
    if declared is not None:
        return declared, "definition"
    root = create_root_node(platform_of(site).listing_markup(page.text), HTMLParser, page.url)
    found = next_page_url(root, page.url, number)
    return (PageRequest(found), "generic") if found else (None, "definition")


def _declared(kind: PagerKind, site: Site, page: ListingPage, number: int) -> PageRequest | None:
    if kind == "next-link":
        url = _next_link(Selector(text=page.text, base_url=page.url), page.url, number, site)
        return PageRequest(url) if url else None
    paginate = PAGERS.get(kind)
    return paginate(page, number, selectors_for(site)) if paginate else None


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
