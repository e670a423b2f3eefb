"""Declared page metadata: JSON-LD article first, then OpenGraph / article:* / meta names."""

from __future__ import annotations

import json

from lxml.etree import _Element
from parsel import Selector

from portals.parsing.metadata import read_meta

OPENGRAPH = """
<meta property="og:title" content="Kỷ niệm 65 năm thành lập ngành KH&amp;CN - HPSTIC">
<meta property="og:description" content="Mô tả từ OpenGraph">
<meta property="article:published_time" content="2024-06-26T08:30:00+07:00">
<meta property="article:section" content="Tin KH&amp;CN Hải Phòng">
<meta name="author" content="Ban biên tập">
<link rel="canonical" href="http://hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522">
"""


def _page(head: str) -> _Element:
    return Selector(
        text=f"<html><head><meta charset='utf-8'>{head}</head>"
        "<body><div class='news-content'><p>Nội dung.</p></div></body></html>"
    ).root


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def test_opengraph_only():
    meta = read_meta(_page(OPENGRAPH))
    assert meta.title == ("Kỷ niệm 65 năm thành lập ngành KH&CN - HPSTIC", "meta")
    assert meta.description == ("Mô tả từ OpenGraph", "meta")
    assert meta.author == ("Ban biên tập", "meta")
    assert meta.section == ("Tin KH&CN Hải Phòng", "meta")
    assert meta.canonical == "http://hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522"


def test_article_published_time_read():
    meta = read_meta(_page(OPENGRAPH))
    assert meta.published == ("2024-06-26T08:30:00+07:00", "meta")


def test_nothing_declared():
    meta = read_meta(_page("<title>Chi tiết tin</title>"))
    assert meta.title is None
    assert meta.published is None
    assert meta.author is None
    assert meta.description is None
    assert meta.section is None
    assert meta.canonical is None


def test_json_ld_news_article_wins_over_opengraph():
    ld = _ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Kỷ niệm 65 năm (26/6/1959-26/6/2024)",
            "datePublished": "2024-06-26T07:00:00+07:00",
            "author": {"@type": "Person", "name": "Trần Hùng"},
            "description": "Mô tả từ JSON-LD",
            "articleSection": "Sự kiện",
        }
    )
    meta = read_meta(_page(OPENGRAPH + ld))
    assert meta.title == ("Kỷ niệm 65 năm (26/6/1959-26/6/2024)", "json-ld")
    assert meta.published == ("2024-06-26T07:00:00+07:00", "json-ld")
    assert meta.author == ("Trần Hùng", "json-ld")
    assert meta.description == ("Mô tả từ JSON-LD", "json-ld")
    assert meta.section == ("Sự kiện", "json-ld")


def test_json_ld_inside_graph_with_author_list():
    ld = _ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "HPSTIC", "description": "Trang chủ"},
                {"@type": "BreadcrumbList", "itemListElement": []},
                {
                    "@type": ["NewsArticle"],
                    "headline": "Nghiệm thu đề tài thủy sản Cát Hải",
                    "author": [
                        {"@type": "Person", "name": "Trần Hùng"},
                        {"@type": "Person", "name": "Mai Hồng"},
                    ],
                },
            ],
        }
    )
    meta = read_meta(_page(OPENGRAPH + ld))
    assert meta.title == ("Nghiệm thu đề tài thủy sản Cát Hải", "json-ld")
    assert meta.author == ("Trần Hùng, Mai Hồng", "json-ld")
    # Fields the article node lacks fall back to the meta tags, not to the WebSite node.
    assert meta.description == ("Mô tả từ OpenGraph", "meta")
    assert meta.published == ("2024-06-26T08:30:00+07:00", "meta")


def test_json_ld_author_list_of_strings_and_top_level_list():
    ld = _ld(
        [
            {"@type": "Organization", "name": "Sở KH&CN Hải Phòng"},
            {"@type": "Article", "headline": "Tập huấn", "author": ["Trần Hùng", "Mai Hồng"]},
        ]
    )
    meta = read_meta(_page(ld))
    assert meta.title == ("Tập huấn", "json-ld")
    assert meta.author == ("Trần Hùng, Mai Hồng", "json-ld")


def test_json_ld_author_object_without_name_falls_back():
    ld = _ld({"@type": "NewsArticle", "headline": "Tin", "author": {"@type": "Person"}})
    meta = read_meta(_page(OPENGRAPH + ld))
    assert meta.author == ("Ban biên tập", "meta")


def test_json_ld_values_are_squashed():
    ld = _ld({"@type": "NewsArticle", "headline": "  Chuyển đổi số\u00a0 cho\n doanh nghiệp  "})
    meta = read_meta(_page(ld))
    assert meta.title == ("Chuyển đổi số cho doanh nghiệp", "json-ld")


def test_non_article_json_ld_ignored():
    ld = _ld({"@type": "Organization", "name": "Sở KH&CN", "description": "Tổ chức"})
    meta = read_meta(_page(OPENGRAPH + ld))
    assert meta.description == ("Mô tả từ OpenGraph", "meta")


def test_broken_json_ld_ignored_without_error():
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Hỏng",}'
    broken += "</script>"
    meta = read_meta(_page(OPENGRAPH + broken))
    assert meta.title == ("Kỷ niệm 65 năm thành lập ngành KH&CN - HPSTIC", "meta")
    assert meta.published == ("2024-06-26T08:30:00+07:00", "meta")


def test_broken_json_ld_then_valid_block_uses_the_valid_one():
    broken = '<script type="application/ld+json">{ "@type": "NewsArticle", </script>'
    empty = '<script type="application/ld+json">   </script>'
    valid = _ld({"@type": "NewsArticle", "headline": "Sau khối hỏng"})
    meta = read_meta(_page(broken + empty + OPENGRAPH + valid))
    assert meta.title == ("Sau khối hỏng", "json-ld")
