"""The "UIArticleInMenu" ASP.NET portal product (sokhcn.ninhbinh.gov.vn, ninhbinh.gov.vn, the
Hải Phòng commune sites): page 1 of a listing is HTML; later pages are an HTML fragment from
a POST to ``ArticleInMenuPagination.aspx/LoadArticle`` (research/portals.md §2.1)."""

from portals.platforms import Platform
from portals.registry import Selectors

PLATFORM = Platform(
    name="uiarticleinmenu",
    label="UIArticleInMenu portal",
    pager="load-article",
    selectors=Selectors(
        listing_links=".UIListNews_Default .item a",
        title=".ArticleHeader",
        date=".PostDate",
        summary=".ArticleSummary",
        body=".ArticleContent",
    ),
    marks=(r"UIArticleInMenu", r"ArticleInMenuPagination", r'class="ArticleHeader'),
)
