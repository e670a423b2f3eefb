"""IBM WebSphere Portal sites (travinh.gov.vn/wps/portal/khcn, sokhcn.angiang): portlet state
encoded in the URL; articles keyed on their stable WCM content path."""

from portals.platforms import Platform
from portals.registry import Selectors

PLATFORM = Platform(
    name="websphere",
    label="IBM WebSphere Portal",
    pager="next-link",
    selectors=Selectors(drop=(".wpthemeControlHeader", ".wpthemeOverflowHidden .asa\\.hidden")),
    marks=(r"/wps/(?:portal|contenthandler|wcm)", r"wpsPortletBody", r"wpthemeControl", r"ibmCfg"),
    min_marks=1,
)
