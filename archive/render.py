"""How Datasette shows the archive's HTML columns (a Datasette plugin, registered in
pyproject.toml): ``body_html`` is rendered as HTML, cleaned again with nh3 on the way out. It
was sanitised before it was stored; cleaning at display too means a row written by any other
tool still cannot run a script in a reader's browser (datasette-render-html would pass a
<script> through).

Images are shown only from the archive (``/images/…``): an <img> pointing at the portal would
make a reader's browser call it, and the picture may be gone (the article page of the reading
room puts the archived copies in their place, with their captions)."""

from __future__ import annotations

from typing import Any

import nh3
from datasette import hookimpl
from markupsafe import Markup

HTML_COLUMNS = frozenset({"body_html"})
ARCHIVED_IMAGES = "/images/"
SHOWN_TAGS = {
    "a", "b", "blockquote", "br", "caption", "em", "figcaption", "figure", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "small", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
SHOWN_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def _archived_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.startswith(ARCHIVED_IMAGES):
        return None
    return value


def shown_html(value: str) -> Markup:
    """HTML safe to put in a page: no script, style, event handler or javascript: URL, and
    no image but the archive's own."""
    return Markup(
        nh3.clean(
            value,
            tags=SHOWN_TAGS,
            attributes=SHOWN_ATTRIBUTES,
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer nofollow",
            attribute_filter=_archived_images_only,
        )
    )


@hookimpl
def render_cell(value: Any, column: str, **_: Any) -> Markup | None:
    if column in HTML_COLUMNS and isinstance(value, str):
        return shown_html(value)
    return None
