"""portals/parsing/pagination.py: the request for listing page N+1 by each pager kind (query,
path, next-link, none, a family's own postback), the max_pages bound, and the page itself asked
when the declared pager finds no next page."""

from __future__ import annotations

from urllib.parse import parse_qs

from portals.parsing.pagination import (
    ListingPage,
    PageRequest,
    next_page,
    pager_kind,
    query_page_url,
)
from portals.registry import Pagination, Selectors, Site

HOST = "skhcn.vidu.gov.vn"
LISTING = f"https://{HOST}/tin-tuc/hoat-dong-khcn"


def site(platform: str = "custom", next_page_css: str | None = None, **pagination) -> Site:
    return Site(
        slug="vidu_skhcn", name="Sở KH&CN Ví Dụ", department="Sở KH&CN", province="Ví Dụ",
        province_current="Ví Dụ", homepage=f"https://{HOST}/", hosts=(HOST,),
        platform=platform, status="live", listing_urls=(LISTING,),
        article_url_pattern=rf"^https://{HOST}/tin-tuc/hoat-dong-khcn/.+-\d+\.html$",
        pagination=Pagination(**pagination), selectors=Selectors(next_page=next_page_css),
    )  # fmt: skip


def page(body: str, url: str = LISTING, number: int = 1) -> ListingPage:
    html = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    return ListingPage(html, url, LISTING, number)


ITEMS = (
    '<ul class="danh-sach-tin"><li><a href="/tin-tuc/hoat-dong-khcn/nghiem-thu-de-tai-5876.html">'
    "Nghiệm thu đề tài</a></li></ul>"
)


def test_page_one_of_a_query_pager_is_the_listing_url_itself() -> None:
    assert query_page_url(LISTING, 1) == LISTING


def test_a_query_pager_replaces_the_number_and_keeps_the_rest_of_the_query() -> None:
    first = "http://sokhcn.cantho.gov.vn/Default.aspx?tabid=83&keyword=&page=5"
    assert (
        query_page_url(first, 3)
        == "http://sokhcn.cantho.gov.vn/Default.aspx?tabid=83&keyword=&page=3"
    )
    assert query_page_url(f"{LISTING}?trang=2", 3, "trang") == f"{LISTING}?trang=3"


def test_a_query_pager_counts_from_the_first_page_whatever_url_served_page_two() -> None:
    request, how = next_page(site(kind="query"), page(ITEMS, f"{LISTING}?page=2&sort=moi", 2))
    assert (request, how) == (PageRequest(f"{LISTING}?page=3"), "definition")


def test_a_path_pager_fills_its_template_without_the_trailing_slash() -> None:
    nukeviet = site("nukeviet", kind="path", template="{url}/page-{n}")
    first = ListingPage(ITEMS, "https://dongnai.gov.vn/news/khoa-hoc-cong-nghe/",
                        "https://dongnai.gov.vn/news/khoa-hoc-cong-nghe/", 1)  # fmt: skip
    request, _ = next_page(nukeviet, first)
    assert request == PageRequest("https://dongnai.gov.vn/news/khoa-hoc-cong-nghe/page-2")


def test_no_pager_and_max_pages_end_the_listing() -> None:
    assert next_page(site(kind="none"), page(ITEMS)) == (None, "definition")
    assert next_page(site(kind="query", max_pages=3), page(ITEMS, number=3)) == (None, "definition")
    assert next_page(site(kind="query", max_pages=3), page(ITEMS, number=2))[0] is not None


def test_the_family_gives_the_pager_a_definition_leaves_out() -> None:
    assert pager_kind(site("custom")) == "query"
    assert pager_kind(site("nukeviet")) == "path"
    assert pager_kind(site("liferay")) == "next-link"
    assert pager_kind(site("aspnet")) == "postback"
    assert pager_kind(site("aspnet", kind="query")) == "query"


def test_a_next_link_pager_follows_the_declared_link_first() -> None:
    body = ITEMS + (
        f'<link rel="next" href="{LISTING}?trang=9">'
        '<ul class="phan-trang"><li><a href="?trang=1">1</a></li>'
        '<li><a class="trang-sau" href="?trang=2">Trang sau</a></li></ul>'
    )
    declared = site(kind="next-link", next_page_css="ul.phan-trang a.trang-sau")
    assert next_page(declared, page(body)) == (PageRequest(f"{LISTING}?trang=2"), "definition")
    # without a declared selector, rel=next comes first
    assert next_page(site(kind="next-link"), page(body))[0] == PageRequest(f"{LISTING}?trang=9")


def test_a_next_link_pager_reads_the_number_or_a_next_word_in_a_pager_region() -> None:
    numbered = ITEMS + '<div class="pagination"><a href="?p=1">1</a> <a href="?p=2">2</a></div>'
    worded = ITEMS + '<div class="paging"><span>1</span> <a href="?p=2">Tiếp theo</a></div>'
    for body in (numbered, worded):
        assert next_page(site(kind="next-link"), page(body)) == (
            PageRequest(f"{LISTING}?p=2"),
            "definition",
        )


def test_a_next_link_to_the_page_itself_is_the_end() -> None:
    # the last page's disabled "Tiếp theo" links back to the page being read
    last = f'{ITEMS}<div class="pagination"><a href="{LISTING}?p=2">Tiếp theo</a></div>'
    assert next_page(site(kind="next-link"), page(last, f"{LISTING}?p=2", 2)) == (
        None,
        "definition",
    )


def test_the_page_itself_is_asked_when_the_declared_pager_finds_nothing() -> None:
    # a redesign renamed the pager region: its "Trang sau" link is still on the page
    body = (
        ITEMS + '<nav class="dieu-huong"><a href="/tin-tuc/hoat-dong-khcn?p=2">Trang sau</a></nav>'
    )
    declared = site(kind="next-link", next_page_css=".pagination li.next a")
    assert next_page(declared, page(body)) == (PageRequest(f"{LISTING}?p=2"), "generic")


def test_a_postback_pager_posts_the_form_back_as_the_page_two_link() -> None:
    body = (
        '<form id="aspnetForm" method="post" action="./Default.aspx?MenuID=5210">'
        '<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4NzE;">'
        '<input type="hidden" name="__EVENTVALIDATION" value="/wEWBAK">'
        '<input type="text" name="ctl00$txtKeyword" value="">'
        f"{ITEMS}"
        '<div class="pager"><span>1</span> <a href="javascript:__doPostBack('
        "'ctl00$Main$rptPager$ctl02$lnkPage','')\">2</a></div>"
        "</form>"
    )
    url = f"https://{HOST}/Portal/Default.aspx?MenuID=5210"
    request, how = next_page(site("aspnet"), ListingPage(body, url, url, 1))
    assert how == "definition" and request is not None
    assert (request.method, request.url) == ("POST", url)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    fields = {k: v[-1] for k, v in parse_qs(request.body, keep_blank_values=True).items()}
    assert fields == {
        "__VIEWSTATE": "dDwtMTA4NzE;",
        "__EVENTVALIDATION": "/wEWBAK",
        "__EVENTTARGET": "ctl00$Main$rptPager$ctl02$lnkPage",
        "__EVENTARGUMENT": "",
    }
