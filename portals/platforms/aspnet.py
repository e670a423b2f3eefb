"""Old ASP.NET WebForms portals (haiphong.gov.vn /Portal/*.aspx): ids in the query string,
listings paged by ``__doPostBack`` form posts carrying ``__VIEWSTATE``."""

from portals.platforms import Platform
from portals.registry import Selectors

PLATFORM = Platform(
    name="aspnet",
    label="ASP.NET WebForms",
    pager="postback",
    selectors=Selectors(drop=(".print", ".hotline", "#divHotline", ".toolbar")),
    marks=(r"__VIEWSTATE", r"\.aspx\b", r"__doPostBack"),
    min_marks=2,
)
