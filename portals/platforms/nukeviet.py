"""NukeViet 4 portals (khcncaobang, the post-merger dongnai.gov.vn): ``nv=news&op=`` or
``/news/<cat>/<slug>-<id>.html`` URLs, RSS feeds at ``/news/rss/``, category pages ``/page-N``."""

from portals.platforms import Platform
from portals.registry import Selectors

PLATFORM = Platform(
    name="nukeviet",
    label="NukeViet",
    pager="path",
    selectors=Selectors(
        title=".news_column .detail h1, .detail h1.title, .news-detail h1",
        summary=".news_column .hometext, .detail .hometext",
        body="#news-bodyhtml, .news_column .bodytext, .detail .bodytext",
        drop=(".socialicon", ".news_column .panel-heading", ".fb-like"),
    ),
    marks=(r'content="NukeViet', r"nv_base_siteurl", r"nv=news&(?:amp;)?op=", r"/themes/[\w-]+/"),
    min_marks=2,
)
