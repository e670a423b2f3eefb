"""portals/parsing/select.py: a site's CSS selectors compiled once, selecting what parsel's
``Selector.css`` selects (the cheap class pre-test and merged selector groups included), in
document order; ``PageSelection`` selecting the same elements while it walks a shared opening
compound once."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from parsel import Selector

from portals.parsing.select import PageSelection, compiled, scope_split, select

PAGE = """<html><body>
<div id="content" class="noi-dung">
  <div class="list-news">
    <div class="news-item noi-bat"><h3><a href="/news/a-1.html">Nghiệm thu đề tài</a></h3>
      <span class="date">(26/06/2024)</span></div>
    <div class="news-item"><h3><a href="/news/b-2.html">Hội thảo chuyển đổi số</a></h3>
      <span class="date">(25/06/2024)</span></div>
    <div class="news-items-khac"><h3><a href="/news/c-3.html">Tin khác</a></h3></div>
    <div class="newsitem"><h3><a href="/news/d-4.html">Không phải mục tin</a></h3></div>
  </div>
  <div class="paging"><a href="?page=1">1</a><a rel="next nofollow" href="?page=2">2</a></div>
</div></body></html>"""
SELECTORS = [
    ".news-item h3 a",
    "#content .list-news > .news-item:nth-child(2) a",
    "a[href*='page=']",
    "a[rel~=next]",
    "div.news-item.noi-bat .date",
    ".list-news > div:not(.news-item) a",
    "[class~='news-item noi-bat']",
    ".news-item, .paging a, h3 > a, div.newsitem",  # a group: simple selectors merged
    "[class*=news], #content, [rel~=next]",
]


def texts(elements) -> list[str]:
    return [element.text_content().strip() for element in elements]


@pytest.mark.parametrize("css", SELECTORS)
def test_it_selects_what_parsel_selects_in_document_order(css: str) -> None:
    ours = texts(select(lxml_html.fromstring(PAGE), css))
    parsels = [s.xpath("string()").get().strip() for s in Selector(text=PAGE).css(css)]
    assert ours == parsels


def test_a_class_is_matched_as_a_whole_token_despite_the_substring_pre_test() -> None:
    # "news-items-khac" and "newsitem" contain or nearly contain "news-item": not the class
    root = lxml_html.fromstring(PAGE)
    assert texts(select(root, ".news-item h3 a")) == ["Nghiệm thu đề tài", "Hội thảo chuyển đổi số"]
    assert select(root, "[class~='news-item noi-bat']") == []  # a token holds no whitespace


def test_each_selector_is_compiled_once() -> None:
    assert compiled(".news-item h3 a") is compiled(".news-item h3 a")
    assert compiled(".news-item h3 a") is not compiled(".news-item h2 a")


def test_a_selector_that_matches_nothing_gives_an_empty_list() -> None:
    assert select(lxml_html.fromstring(PAGE), ".tin-tuc-moi a") == []


NESTED = """<html><body>
<div class="detail"><h1 class="title">Tin A</h1>
  <div class="detail"><h1 class="title">Tin B</h1><p class="date">01/02/2024</p></div>
  <p class="date">02/02/2024</p></div>
<div class="sidebar"><h1 class="title">Ngoài vùng</h1></div>
<div class="detail"><p class="date">03/02/2024</p><ul><li>1</li><li>2</li></ul></div>
</body></html>"""
SCOPED = [
    ".detail h1.title",
    ".detail .date",
    ".detail > .date",
    ".detail .detail .date",
    ".detail ul > li:last-child",
    "div.detail .title",
    ".sidebar .title",
    ".detail .khong-co",
    ".detail, .sidebar",
]


@pytest.mark.parametrize("css", SCOPED)
def test_page_selection_selects_what_select_selects(css: str) -> None:
    root = lxml_html.fromstring(NESTED)
    assert PageSelection(root)(css) == select(root, css)


def test_selectors_opening_alike_share_one_walk_of_the_page() -> None:
    root = lxml_html.fromstring(NESTED)
    on_page = PageSelection(root)
    assert texts(on_page(".detail .date")) == ["01/02/2024", "02/02/2024", "03/02/2024"]
    assert texts(on_page(".detail h1.title")) == ["Tin A", "Tin B"]  # nested match once
    assert list(on_page._scopes) == [".detail"]


@pytest.mark.parametrize(
    ("css", "split"),
    [
        (".a .b > p", (".a", ".b > p")),
        ("#content  h1", ("#content", "h1")),
        (".a > .b", None),  # a child combinator first: not a descendant scope
        (".a", None),
        (".a .b, .c", None),
        ("[data-x='a b'] p", None),
        ("li:first-child a", None),
    ],
)
def test_scope_split(css: str, split: tuple[str, str] | None) -> None:
    assert scope_split(css) == split
