"""Every saved article of every site against the fields a person wrote down for it
(tests/fixtures/<slug>/expected.toml; conventions in docs/adding-a-portal.md §3)."""

from __future__ import annotations

import pytest

from portals.items import Article
from portals.parsing.urls import canonical_url
from portals.registry import get_site
from tests.conftest import (
    GoldArticle,
    article_items,
    gold_articles,
    portal_spider,
    saved_page,
    saved_response,
)

GOLD = gold_articles()
FIELDS = ("title", "published", "author", "author_org", "source", "category")


def parsed(gold: GoldArticle) -> Article:
    items = article_items(portal_spider(gold.site), saved_response(gold.site, gold.file))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def as_gold(article: Article) -> dict:
    """The article's fields in the gold file's spelling: "" for none, ISO 8601 dates."""
    values = {name: getattr(article, name) or "" for name in FIELDS}
    values["published"] = article.published.isoformat() if article.published else ""
    values["captions"] = [image.caption or "" for image in article.images]
    values["body"] = article.body_text
    return values


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.id)
def test_fields_match_the_gold(gold: GoldArticle) -> None:
    got = as_gold(parsed(gold))
    expected = {name: gold.fields[name] for name in (*FIELDS, "captions", "body")}
    assert {k: v for k, v in got.items() if k != "body"} == {
        k: v for k, v in expected.items() if k != "body"
    }
    assert got["body"].split("\n\n") == expected["body"].split("\n\n")


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.id)
def test_article_invariants(gold: GoldArticle) -> None:
    article = parsed(gold)
    site = get_site(gold.site)
    assert article.site == gold.site and article.language == "vi"
    assert article.url == canonical_url(saved_page(gold.site, gold.file).url, site.homepage)
    assert site.is_article_url(article.url)
    for unsafe in ("<script", "onerror", "onclick", "javascript:"):
        assert unsafe not in article.body_html.lower()
    assert article.methods["body"] in ("selector", "trafilatura")


def test_every_site_has_gold_articles() -> None:
    from portals.registry import all_sites

    assert {gold.site for gold in GOLD} == set(all_sites())
