"""Custom CMSs (hpstic.vn, skhcn.hatinh, dost.hochiminhcity, haiduongdost, dost.danang...):
nothing shared but the Vietnamese rules; every selector comes from the site definition."""

from portals.platforms import Platform

PLATFORM = Platform(name="custom", label="Custom CMS", pager="query")
