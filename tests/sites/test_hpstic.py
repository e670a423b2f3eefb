"""hpstic.vn (Trung tâm Thông tin KH&CN Hải Phòng): the quirks of its articles.

The spider's callbacks run on saved whole pages at their original URLs: no engine, no network.
Its listing pages are checked by tests/sites/test_listings.py from
tests/fixtures/hpstic/listing.toml; every field of every article against expected.toml by
tests/sites/test_articles.py; the real engine crawling the same pages is tests/crawl/test_crawl.py.
"""

from __future__ import annotations

import pytest

from archive.store import content_hash
from portals.items import Article
from portals.parsing.article import parse_article
from portals.records import article_record
from portals.registry import get_site
from tests.conftest import article_items, portal_spider, saved_page, saved_response

SITE = "hpstic"
ARTICLES = [
    "article-so-ket-6-thang-2024.html",
    "article-ky-niem-65-nam.html",
    "article-nghiem-thu-thuy-san-cat-hai.html",
    "article-chuyen-doi-so-dn-nho-va-vua.html",
    "article-tap-huan-tai-san-tri-tue.html",
]


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    """Each saved article page through the spider's own callback."""
    spider = portal_spider(SITE)
    parsed = {}
    for name in ARTICLES:
        items = article_items(spider, saved_response(SITE, name))
        assert len(items) == 1 and isinstance(items[0], Article)
        parsed[name] = items[0]
    return parsed


@pytest.mark.parametrize("name", ARTICLES)
def test_summary_is_the_declared_lead(articles: dict[str, Article], name: str) -> None:
    summary = articles[name].summary
    assert summary and len(summary) > 40 and articles[name].methods["summary"] == "meta"


def test_words_split_by_inline_tags_are_whole(articles: dict[str, Article]) -> None:
    body = articles["article-nghiem-thu-thuy-san-cat-hai.html"].body_text
    for word in ("hoạt động", "ung cấp", "thủy sản", "nghiệm thu"):
        assert word in body
    assert "h oạt" not in body and "C ung" not in body and "th ủy" not in body


def test_repeated_caption_and_leaked_file_name_are_dropped(articles: dict[str, Article]) -> None:
    article = articles["article-chuyen-doi-so-dn-nho-va-vua.html"]
    assert "03HDKHLVketnoisangtaoAIQ12h2" not in article.body_text
    assert "(ĐCSVN)" not in article.body_text
    assert article.body_text.count("Các đại biểu tham dự hội thảo.") == 0
    assert "Theo báo cáo tại hội thảo" in article.body_text  # "Theo …" sentences are kept


def test_stored_html_is_sanitised(articles: dict[str, Article]) -> None:
    html = articles["article-tap-huan-tai-san-tri-tue.html"].body_html
    assert "<script" not in html and "alert(" not in html
    assert "onerror" not in html and "javascript:" not in html
    assert "<figure>" in html and "sở hữu trí tuệ" in html


def test_the_header_today_date_is_never_the_publication_date(articles) -> None:
    html = saved_page(SITE, "article-so-ket-6-thang-2024.html").html
    assert "Thứ Ba, 25/06/2024" in html
    assert articles["article-so-ket-6-thang-2024.html"].published.day == 21


def test_content_hash_ignores_counters_and_sidebars() -> None:
    page = saved_page(SITE, "article-so-ket-6-thang-2024.html")
    site = get_site(SITE)
    recrawled = (
        page.html.replace("10064", "9490")
        .replace("Lượt xem: 312", "Lượt xem: 1024")
        .replace("Thứ Ba, 25/06/2024", "Thứ Tư, 26/06/2024")
    )
    assert recrawled != page.html
    first = article_record(parse_article(page.html, page.url, site), site)
    second = article_record(parse_article(recrawled, page.url, site), site)
    assert content_hash(first) == content_hash(second)
    edited = article_record(
        parse_article(page.html.replace("127/142", "128/142"), page.url, site), site
    )
    assert content_hash(edited) != content_hash(first)
