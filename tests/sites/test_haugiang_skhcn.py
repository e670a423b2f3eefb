"""skhcn.haugiang.gov.vn (Sở KH&CN Hậu Giang, Liferay 6.2, frozen since Hậu Giang merged into
Cần Thơ): what its listing.toml cannot say. An article of listing page 2 that the retired host
301-redirects to the merged portal's home page is recorded as gone, never stored. The listing
pages (the "Trang sau" pager, ids glued to slugs) are checked by tests/sites/test_listings.py
from tests/fixtures/haugiang_skhcn/listing.toml; article fields by tests/sites/test_articles.py.
"""

from __future__ import annotations

import tomllib

from scrapy import Request
from scrapy.http import HtmlResponse

from portals.items import GoneUrl
from tests.conftest import FIXTURES, article_items, portal_spider, saved_page

SITE = "haugiang_skhcn"
NEWS = "https://skhcn.haugiang.gov.vn/chi-tiet/-/tin-tuc/"
CANTHO = "https://www.cantho.gov.vn/"
# research/portals.md §4, §8 case 20: this one now answers 301 -> the Cần Thơ portal's home
GONE = NEWS + "Kiem-tra-nha-nuoc-ve-do-luong-doi-voi-cua-hang-kinh-doanh-xang-dau95790"


def test_the_redirected_article_is_in_the_snapshot_as_a_redirect_not_as_gold() -> None:
    folder = FIXTURES / SITE
    manifest = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    assert manifest["redirects"] == {GONE: CANTHO}
    assert GONE not in manifest["pages"]
    # the crawl follows the 301 to the merged portal: its robots.txt and home page are saved
    assert manifest["pages"]["https://www.cantho.gov.vn/robots.txt"] == "cantho-robots.txt"
    assert manifest["pages"][CANTHO] == "cantho-home.html"
    gold = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    assert "95790" not in " ".join(saved_page(SITE, g["file"]).url for g in gold["articles"])


def test_a_redirect_to_the_merged_portal_home_is_recorded_gone() -> None:
    page = saved_page(SITE, "cantho-home.html")
    request = Request(page.url, meta={"redirect_urls": [GONE], "page_kind": "article"})
    response = HtmlResponse(
        url=page.url, body=page.path.read_bytes(), encoding="utf-8", request=request
    )
    items = article_items(portal_spider(SITE), response)
    assert len(items) == 1 and isinstance(items[0], GoneUrl)
    assert (items[0].url, items[0].target) == (GONE, CANTHO)
