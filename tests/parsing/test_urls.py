"""Canonical article URLs and absolute link resolution."""

from __future__ import annotations

import pytest

from portals.parsing.urls import absolute, canonical_url

ORIGIN = "http://hpstic.vn"


def test_fragment_removed():
    url = "http://hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522#binh-luan"
    assert canonical_url(url) == "http://hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522"


def test_empty_fragment_removed():
    assert canonical_url("http://hpstic.vn/tin-tuc?page=2#") == "http://hpstic.vn/tin-tuc?page=2"


def test_utm_params_removed_other_params_kept_in_order():
    url = "http://hpstic.vn/a.aspx?pid=57&utm_source=facebook&nid=17522&utm_medium=social"
    # Order of the remaining parameters is the page's order, not sorted.
    assert canonical_url(url) == "http://hpstic.vn/a.aspx?pid=57&nid=17522"


def test_all_tracking_params_removed_drops_question_mark():
    url = "http://hpstic.vn/a.aspx?utm_source=zalo&utm_campaign=khcn&fbclid=IwAR0abc"
    assert canonical_url(url) == "http://hpstic.vn/a.aspx"


def test_query_params_kept_in_order():
    url = "http://hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522&pid=57"
    assert canonical_url(url) == url


def test_page_param_kept():
    url = "https://skhcn.hatinh.gov.vn/tin-tuc-su-kien?page=2"
    assert canonical_url(url) == url


def test_percent_encoded_query_kept():
    url = "http://hpstic.vn/tim-kiem?q=khoa+h%E1%BB%8Dc&page=3"
    assert canonical_url(url) == url


def test_lowercase_jsessionid_query_param_removed():
    url = "http://hpstic.vn/news?jsessionid=A1B2C3&page=2"
    assert canonical_url(url) == "http://hpstic.vn/news?page=2"


def test_lowercase_phpsessid_removed():
    url = "http://hpstic.vn/a.php?phpsessid=abc123&nid=17522&pid=57"
    assert canonical_url(url) == "http://hpstic.vn/a.php?nid=17522&pid=57"


def test_phpsessid_as_php_writes_it_removed():
    # PHP's default session name is exactly "PHPSESSID" (upper case) in URLs it rewrites.
    url = "http://hpstic.vn/a.php?PHPSESSID=9f8e7d6c5b4a&nid=17522&pid=57"
    assert canonical_url(url) == "http://hpstic.vn/a.php?nid=17522&pid=57"


def test_jsessionid_path_parameter_dropped():
    url = "http://dost.hochiminhcity.gov.vn/web/tin-tuc/a-1;jsessionid=0A1B2C3D4E5F"
    assert canonical_url(url) == "http://dost.hochiminhcity.gov.vn/web/tin-tuc/a-1"


def test_jsessionid_path_parameter_dropped_query_kept():
    url = "http://dost.hochiminhcity.gov.vn/web/tin-tuc;jsessionid=0A1B2C?_cur=3&id=12"
    assert canonical_url(url) == "http://dost.hochiminhcity.gov.vn/web/tin-tuc?_cur=3&id=12"


def test_scheme_and_host_lower_cased_path_case_kept():
    url = "HTTP://HpStic.VN/Tin-tuc/Chi-Tiet.aspx?NID=5"
    assert canonical_url(url) == "http://hpstic.vn/Tin-tuc/Chi-Tiet.aspx?NID=5"


def test_empty_path_becomes_slash():
    assert canonical_url("http://hpstic.vn") == "http://hpstic.vn/"


def test_without_preferred_origin_www_host_is_kept():
    url = "http://www.hpstic.vn/a.aspx?nid=1"
    assert canonical_url(url) == url


def test_www_host_moved_to_preferred_origin():
    url = "http://www.hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522&pid=57#top"
    assert canonical_url(url, ORIGIN) == "http://hpstic.vn/Tin-tuc/chi-tiet.aspx?nid=17522&pid=57"


def test_preferred_origin_sets_scheme_too():
    url = "http://WWW.dost.danang.gov.vn/tin-tuc/-/view/123?utm_source=x"
    got = canonical_url(url, "https://dost.danang.gov.vn/")
    assert got == "https://dost.danang.gov.vn/tin-tuc/-/view/123"


def test_www_and_bare_host_share_one_key():
    a = canonical_url("http://www.hpstic.vn/a.aspx?nid=9&utm_source=fb", ORIGIN)
    b = canonical_url("HTTP://hpstic.vn/a.aspx?nid=9#x", ORIGIN)
    assert a == b == "http://hpstic.vn/a.aspx?nid=9"


def test_surrounding_whitespace_stripped():
    assert canonical_url("  http://hpstic.vn/a.aspx?nid=1\n") == "http://hpstic.vn/a.aspx?nid=1"


BASE = "http://hpstic.vn/tin-tuc/khcn/chi-tiet.aspx?nid=1"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../tong-hop/bai-2.aspx", "http://hpstic.vn/tin-tuc/tong-hop/bai-2.aspx"),
        ("bai-3.aspx?nid=3", "http://hpstic.vn/tin-tuc/khcn/bai-3.aspx?nid=3"),
        ("/Uploads/anh.jpg", "http://hpstic.vn/Uploads/anh.jpg"),
        ("//cdn.hpstic.vn/anh.jpg", "http://cdn.hpstic.vn/anh.jpg"),
        ("https://most.gov.vn/vn/tin-tuc/1.aspx", "https://most.gov.vn/vn/tin-tuc/1.aspx"),
        ("  /tin-tuc/a.aspx  ", "http://hpstic.vn/tin-tuc/a.aspx"),
        ("?page=2", "http://hpstic.vn/tin-tuc/khcn/chi-tiet.aspx?page=2"),
    ],
)
def test_absolute_resolves_links(href, expected):
    assert absolute(BASE, href) == expected


@pytest.mark.parametrize(
    "href",
    [
        "javascript:void(0)",
        "JavaScript:__doPostBack('ctl00$Pager','2')",
        "mailto:banbientap@hpstic.vn",
        "tel:02253123456",
        "ftp://hpstic.vn/file.doc",
        "",
        "   ",
        None,
    ],
)
def test_absolute_rejects_non_http_and_empty(href):
    assert absolute(BASE, href) is None
