"""Old ASP.NET WebForms portals (haiphong.gov.vn /Portal/*.aspx): ids in the query string,
listings paged by ``__doPostBack`` form posts carrying ``__VIEWSTATE``. The postback pager is
this family's; SharePoint and DotNetNuke pages, ASP.NET underneath, use it too."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urljoin

from parsel import Selector

from portals.parsing.discovery import NEXT_WORDS
from portals.parsing.pages import ListingPage, PageRequest
from portals.parsing.text import squash
from portals.platforms import Platform
from portals.registry import Selectors

_NOT_PAGERS = re.compile(r"cal|survey|poll|vote|search|login|lang", re.IGNORECASE)
_POSTBACK = re.compile(r"__doPostBack\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)")


def postback(page: ListingPage, number: int, selectors: Selectors) -> PageRequest | None:
    """Post the page's form back as the pager link to page ``number`` would: within the
    declared pager region, or anywhere on the page when none is declared or it matches
    nothing (a redesign renamed it)."""
    tree = Selector(text=page.text, base_url=page.url)
    region = tree.css(selectors.next_page) if selectors.next_page else []
    target = _postback_target(region or [tree], number, anywhere=not region)
    form = tree.xpath('//form[.//input[@name="__VIEWSTATE"]]') or tree.xpath("//form")
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
    action = urljoin(page.url, form[0].xpath("@action").get() or page.url)
    return PageRequest(
        action,
        method="POST",
        body=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": page.url},
    )


def _postback_target(regions: Any, number: int, anywhere: bool) -> tuple[str, str] | None:
    """(target, argument) of the __doPostBack link to page ``number``: a link saying the number
    or a "next" word, or posting an argument that ends in the number ("Page$2"); a target
    named like a pager (``...$pager``, ``PageIndex``) wins over another (an events calendar's
    day "2"). Looking ``anywhere`` on the page (no pager region), a calendar, poll or search
    box never counts, and a bare number only on a pager-named target."""
    best: tuple[int, str, str] | None = None
    for region in regions:
        for link in region.xpath(".//a[@href or @onclick]"):
            script = (link.xpath("@href").get() or "") + (link.xpath("@onclick").get() or "")
            found = _POSTBACK.search(script)
            if not found:
                continue
            text = squash(link.xpath("string()").get()).lower()
            target, argument = found.group(1), found.group(2)
            says_number = text == str(number)
            posts_number = re.search(rf"(?:^|\$){number}$", argument) is not None
            says_next = any(text == word or text.startswith(f"{word} ") for word in NEXT_WORDS)
            if not (says_number or posts_number or says_next):
                continue
            if anywhere and (
                _NOT_PAGERS.search(target) or not ("pag" in target.lower() or says_next)
            ):
                continue
            score = 4 * ("pag" in target.lower()) + 2 * posts_number + 2 * says_number + says_next
            if best is None or score > best[0]:
                best = (score, target, argument)
    return (best[1], best[2]) if best else None


PLATFORM = Platform(
    name="aspnet",
    label="ASP.NET WebForms",
    pager="postback",
    paginate=postback,
    selectors=Selectors(drop=(".print", ".hotline", "#divHotline", ".toolbar")),
    marks=(r"__VIEWSTATE", r"\.aspx\b", r"__doPostBack"),
    min_marks=2,
)
