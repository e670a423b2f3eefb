"""NukeViet 4 portals (khcncaobang, the post-merger dongnai.gov.vn): ``nv=news&op=`` or
``/news/<cat>/<slug>-<id>.html`` URLs, RSS feeds at ``/news/rss/``, category pages ``/page-N``."""

from urllib.parse import urlsplit

from portals.platforms import Platform
from portals.registry import Selectors


def nukeviet_feeds(listing_url: str) -> list[str]:
    """NukeViet's category feed: ``/news/<cat>/`` -> ``/news/rss/<cat>/`` (rewritten URLs),
    ``op=<cat>`` -> ``op=rss/<cat>`` (query URLs); the module feed when neither shape fits."""
    parts = urlsplit(listing_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    if "op=" in parts.query:
        query = parts.query.replace("op=", "op=rss/", 1)
        return [f"{origin}{parts.path}?{query}"]
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[1] != "rss":
        return [f"{origin}/{segments[0]}/rss/{segments[1]}/"]
    return [f"{origin}/{segments[0]}/rss/"] if segments else []


PLATFORM = Platform(
    name="nukeviet",
    label="NukeViet",
    pager="path",
    feeds=nukeviet_feeds,
    selectors=Selectors(
        title=".news_column .detail h1, .detail h1.title, .news-detail h1",
        summary=".news_column .hometext, .detail .hometext",
        body="#news-bodyhtml, .news_column .bodytext, .detail .bodytext",
        drop=(".socialicon", ".news_column .panel-heading", ".fb-like"),
    ),
    marks=(r'content="NukeViet', r"nv_base_siteurl", r"nv=news&(?:amp;)?op=", r"/themes/[\w-]+/"),
    min_marks=2,
)
