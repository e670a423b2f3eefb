"""Bad listing input gets a clear trouble record and never a hang: a listing page of 10,000
links, a sitemap index that lists itself, a feed of garbage."""

from __future__ import annotations

from dataclasses import replace

from portals.drafting import adhoc_site
from portals.parsing.discovery import MAX_ANCHORS
from portals.parsing.listing import discover_listing, parse_listing
from portals.registry import get_site

SITE = get_site("hpstic")
LISTING = "http://hpstic.vn/news/cat/Tin-KH-CN-Hai-Phong-2.html"


def huge_listing(count: int) -> str:
    items = "\n".join(
        f'<div class="news-item"><div class="news-text"><h3><a href="/news/Tin-so-{n}-ve-hoat-dong'
        f'-khoa-hoc-va-cong-nghe-{n}.html">Tin số {n} về hoạt động khoa học và công nghệ</a></h3>'
        f'<span class="date">(26/06/2024)</span></div></div>'
        for n in range(1, count + 1)
    )
    return (
        '<html><head><meta charset="utf-8"><title>Tin KH &amp; CN Hải Phòng</title></head><body>'
        '<div id="smoothmenu1"><ul><li><a href="/">Trang chủ</a></li></ul></div>'
        f'<div id="content"><div class="cat-title"><h2>Tin KH &amp; CN Hải Phòng</h2></div>'
        f'<div class="list-news">{items}</div></div>'
        '<div id="footer">Trung tâm Thông tin KH&amp;CN Hải Phòng · Lượt truy cập: 57.998</div>'
        "</body></html>"
    )


def test_a_listing_of_ten_thousand_links_is_read_up_to_the_cap_and_said() -> None:
    listing = parse_listing(huge_listing(10_000), LISTING, SITE)
    assert len(listing.article_urls) == MAX_ANCHORS
    assert listing.trouble and listing.trouble[0] == "listing-oversized"
    assert "10000 links" in listing.trouble[1]


def test_the_generic_path_caps_it_too() -> None:
    renamed = replace(SITE, selectors=replace(SITE.selectors, listing_links=".gone a"))
    listing = discover_listing(huge_listing(10_000), LISTING, renamed)
    assert 0 < len(listing.article_urls) <= MAX_ANCHORS
    assert listing.trouble and listing.trouble[0] == "listing-oversized"


def test_an_ordinary_listing_has_no_trouble() -> None:
    listing = parse_listing(huge_listing(6), LISTING, SITE)
    assert len(listing.article_urls) == 6 and listing.trouble is None


def test_a_sitemap_index_listing_itself_is_a_loop() -> None:
    url = "http://hpstic.vn/sitemap.xml"
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{url}</loc></sitemap>"
        "<sitemap><loc>http://hpstic.vn/sitemap-news.xml</loc></sitemap></sitemapindex>"
    )
    listing = parse_listing(index, url, SITE)
    assert listing.sitemaps == ["http://hpstic.vn/sitemap-news.xml"]
    assert listing.trouble == ("sitemap-loop", "the sitemap index lists itself")


def test_a_feed_of_garbage_is_unreadable() -> None:
    garbage = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>'
        "<item><title>\x01\x02 ��</title><link>javascript:void(0)</link></item>"
        "<item><title>Tin</title><link></link></item><<<>>> &nbsp; %PDF-1.4"
    )
    listing = parse_listing(garbage, "http://hpstic.vn/rss.xml", SITE)
    assert listing.article_urls == []
    assert listing.trouble and listing.trouble[0] == "feed-unreadable"


def test_a_portal_served_from_an_ip_address_keeps_its_sitemap_and_port() -> None:
    # courlan finds no domain in an IP address: trafilatura's own reader would list nothing
    site = adhoc_site("http://203.162.0.10:8080/tin-tuc")
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://203.162.0.10:8080/tin-tuc/hoi-nghi-khoa-hoc-nam-2024-123.html</loc>"
        "</url></urlset>"
    )
    listing = parse_listing(sitemap, "http://203.162.0.10:8080/sitemap.xml", site)
    assert listing.article_urls == [
        "http://203.162.0.10:8080/tin-tuc/hoi-nghi-khoa-hoc-nam-2024-123.html"
    ]
