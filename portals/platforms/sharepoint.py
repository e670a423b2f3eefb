"""SharePoint sites (dost-dongnai, skhcn.hanam, quangninh.gov.vn/Trang, binhduong.gov.vn/Lists):
``/Pages/*.aspx`` and ``/Lists/<List>/ChiTiet.aspx?ID=``; news web parts in UpdatePanels."""

from portals.platforms import Platform
from portals.platforms.aspnet import postback
from portals.registry import Selectors

PLATFORM = Platform(
    name="sharepoint",
    label="Microsoft SharePoint",
    pager="postback",
    paginate=postback,
    selectors=Selectors(
        body=".ms-rtestate-field",
        drop=(".ms-hide", ".s4-notdlg", ".ms-webpart-titleText"),
    ),
    marks=(
        r"Skip Ribbon Commands",
        r"_spPageContextInfo",
        r"/_layouts/",
        r'content="Microsoft SharePoint',
    ),
)
