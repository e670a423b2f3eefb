"""Canonical article URLs: one key per article however the portal linked to it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from w3lib.url import url_query_cleaner

# Session and tracking parameters that never identify an article.
NOISE_PARAMS = (
    "jsessionid",
    "phpsessid",
    "aspsessionid",
    "sid",
    "sessionid",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "fbclid",
    "gclid",
)


def canonical_url(url: str, preferred_origin: str | None = None) -> str:
    """Drop the fragment, session/tracking parameters and a default port, lower-case scheme
    and host, and move the URL onto the site's preferred origin (``http://hpstic.vn`` for
    ``www.hpstic.vn``)."""
    url = url.strip()
    # Parameter names are matched case-insensitively (PHP writes PHPSESSID, Java JSESSIONID).
    noise = [
        key
        for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)
        if key.lower() in NOISE_PARAMS
    ]
    if noise:
        url = url_query_cleaner(url, noise, remove=True, unique=False)
    parts = urlsplit(url)
    scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc.removesuffix(default_port)  # IIS writes https://host:443/...
    if preferred_origin:
        origin = urlsplit(preferred_origin)
        scheme, netloc = origin.scheme, origin.netloc
    path = parts.path.split(";jsessionid=")[0] or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def absolute(base_url: str, href: str | None) -> str | None:
    """The absolute http(s) URL of a link, or None for javascript:, mailto: and empty links."""
    if not href or not href.strip():
        return None
    url = urljoin(base_url, href.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None
