"""The "UIArticleInMenu" ASP.NET portal product (sokhcn.ninhbinh.gov.vn, ninhbinh.gov.vn, the
Hải Phòng commune sites): page 1 of a listing is HTML; later pages are an HTML fragment from
a POST to ``ArticleInMenuPagination.aspx/LoadArticle`` (research/portals.md §2.1), answered as
``{"d": "<html>"}``. Its pager and that decoding are this family's own."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit, urlunsplit

from portals.parsing.pages import ListingPage, PageRequest
from portals.platforms import Platform
from portals.registry import Selectors

LOAD_ARTICLE_PATH = "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
LOAD_ARTICLE_KEYS = ("article_category_id", "categoryIds", "site_id", "page_size", "maxPage")
_SCRIPT_VALUE = r"\b{name}\s*[:=]\s*(?:parseInt\(\s*)?['\"]?([\w,.-]*)"


def load_article(page: ListingPage, number: int, selectors: Selectors) -> PageRequest | None:
    """POST the ids page 1 declares in its inline script as JSON (no selector involved)."""
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
    for name in LOAD_ARTICLE_KEYS:  # the last assignment: the value once the page has loaded
        found = re.findall(_SCRIPT_VALUE.format(name=name), html)
        values = [v.strip(",") for v in found if re.fullmatch(r"\d[\d,]*", v)]
        if values:
            state[name] = values[-1]
    return state


def page_method_markup(text: str) -> str:
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


PLATFORM = Platform(
    name="uiarticleinmenu",
    label="UIArticleInMenu portal",
    pager="load-article",
    paginate=load_article,
    listing_markup=page_method_markup,
    selectors=Selectors(
        listing_links=".UIListNews_Default .item a",
        title=".ArticleHeader",
        date=".PostDate",
        summary=".ArticleSummary",
        body=".ArticleContent",
    ),
    marks=(r"UIArticleInMenu", r"ArticleInMenuPagination", r'class="ArticleHeader'),
)
