"""khcncaobang.gov.vn (Sở KH&CN Cao Bằng, NukeViet 4.4, rewrite off): the listing is the news
module's RSS feed (pagination kind none). Article fields: tests/portals/test_articles.py.

The spider's callbacks run on the saved feed at its original URL: no engine, no network.
"""

from __future__ import annotations

from tests.conftest import portal_spider
from tests.listing_walk import article_urls, listing_page, next_pages

SITE = "caobang_khcn"
FEED = "http://khcncaobang.gov.vn/index.php?language=vi&nv=news&op=rss"
NEWS = "http://khcncaobang.gov.vn/index.php?language=vi&nv=news&op="
ARTICLES = [
    NEWS + "Khoa-hoc-cong-nghe/Nghiem-thu-de-tai-nhan-giong-hat-de-Trung-Khanh-bang-phuong-phap-"
    "ghep-3329",
    NEWS
    + "Tin-hoat-dong/Kiem-tra-do-luong-chat-luong-xang-dau-dip-Tet-Nguyen-dan-Tan-Suu-2021-3324",
    NEWS + "Khoa-hoc-cong-nghe/So-Khoa-hoc-va-Cong-nghe-tong-ket-cong-tac-nam-2020-trien-khai-"
    "nhiem-vu-nam-2021-3313",
    NEWS + "Tin-hoat-dong/Hoi-thao-giai-phap-phat-trien-san-pham-OCOP-gan-voi-chi-dan-dia-ly-3309",
]


def test_feed_links_its_four_items_in_feed_order() -> None:
    requests = listing_page(SITE, "rss.xml", FEED)
    # <link> texts are XML-escaped (&amp;) in the feed: one canonical URL per article
    assert article_urls(requests) == ARTICLES


def test_the_feed_is_the_whole_listing() -> None:
    # pagination kind none: no next-page request after the feed
    requests = listing_page(SITE, "rss.xml", FEED)
    assert next_pages(requests) == []


def test_the_feed_read_again_brings_nothing_new() -> None:
    spider = portal_spider(SITE)
    assert len(listing_page(SITE, "rss.xml", FEED, spider=spider)) == 4
    assert listing_page(SITE, "rss.xml", FEED, spider=spider) == []


def test_feed_channel_links_are_not_articles_and_nothing_leaves_the_site() -> None:
    # <channel><link>, <image><link> (the module home) and <atom:link> (the feed) are not items
    urls = [r.url for r in listing_page(SITE, "rss.xml", FEED)]
    assert all(url.startswith(NEWS) for url in urls)
    assert f"{NEWS}rss" not in urls
    assert "http://khcncaobang.gov.vn/index.php?language=vi&nv=news" not in urls


def test_the_savefile_print_and_sendmail_variants_are_not_article_urls() -> None:
    # research/portals.md §1: the stored URL is op=savefile/Khoa-hoc-cong-nghe/<Slug>-3313,
    # the download of article 3313, never its canonical URL
    site = portal_spider(SITE).site
    alias = ARTICLES[2].removeprefix(NEWS)
    assert site.is_article_url(ARTICLES[2])
    for variant in ("savefile", "print", "sendmail"):
        assert not site.is_article_url(f"{NEWS}{variant}/{alias}")
    for other in (FEED, f"{NEWS}Khoa-hoc-cong-nghe", f"{NEWS}rss/Khoa-hoc-cong-nghe"):
        assert not site.is_article_url(other)
