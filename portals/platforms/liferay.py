"""Liferay portals (sokhcn.quangtri, skhcn.haugiang, skhcn.bacninh): ``/-/`` paths,
``/documents/<group>/<folder>/`` files, Asset Publisher pages ``_cur=N`` / ``_delta=M``."""

from portals.platforms import Platform
from portals.registry import Selectors

PLATFORM = Platform(
    name="liferay",
    label="Liferay Portal",
    pager="next-link",
    selectors=Selectors(
        next_page=".lfr-pagination a.next, .pagination a[rel=next], .taglib-page-iterator a.next",
        body=".journal-content-article",
        drop=(".taglib-social-bookmarks", ".asset-links", ".print-action", ".related-assets"),
    ),
    marks=(r"Liferay\.", r"p_p_id", r"/documents/\d+/\d+/", r"/-/"),
    min_marks=2,
)
