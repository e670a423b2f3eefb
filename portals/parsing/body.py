"""Article body from its DOM region: paragraphs at block boundaries, images with captions.

The walk joins inline text exactly as a browser lays it out (``h<span>oạt động</span>`` is
"hoạt động"), breaks paragraphs only at block elements and ``<br>``, attaches captions to
their images (``<figure>``, caption tables, a short centred or italic line right after the
image) and drops what is not body text: repeated captions, leaked image file names and page
chrome (portals/parsing/chrome.py). Before any of that, what a reader never sees (hidden.py)
and injected spam (spam.py) are taken out of the copy read: the raw page stays in WARC.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from posixpath import basename, splitext
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html
from lxml.etree import _Element

from portals.items import Image
from portals.parsing.bylines import CREDIT_LABEL
from portals.parsing.chrome import is_chrome, posted_date
from portals.parsing.hidden import hidden_elements, revealed_by_script
from portals.parsing.sanitize import sanitize_html
from portals.parsing.select import select
from portals.parsing.spam import SpamBlock, injected_blocks, spam_block
from portals.parsing.text import nfc, squash

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
SKIP_TAGS = frozenset(
    [
        "audio",
        "button",
        "canvas",
        "embed",
        "form",
        "iframe",
        "input",
        "map",
        "noscript",
        "object",
        "option",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "video",
    ]
)
MAX_CAPTION_CHARS = 300
# the real source of a lazy-loaded image first: its `src` is then a placeholder ("blank.gif")
LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "src")
_CAPTION_CLASS = re.compile(r"caption|desc|chu-?thich|image_?note|img-?note", re.I)
_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)
_IMAGE_FILE = re.compile(r"^[\w\-. ()]+\.(?:jpe?g|png|gif|bmp|webp|tiff?)$", re.I)
_CODE_TOKEN = re.compile(r"^(?=[A-Za-z0-9_-]*[A-Za-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{3,40}$")


@dataclass(frozen=True)
class Body:
    """Body paragraphs (captions and chrome excluded), images in order, the region's sanitised
    HTML, the dates the posted-on lines in the region printed, and the spam blocks taken out."""

    paragraphs: list[str]
    images: list[Image]
    html: str
    posted: list[str] = field(default_factory=list)  # dates of posted-on lines taken out
    spam: list[SpamBlock] = field(default_factory=list)  # injected blocks taken out


@dataclass
class _Text:
    text: str
    container: _Element | None
    is_caption: bool = False


@dataclass
class _Img:
    url: str
    alt: str | None
    container: _Element | None
    caption: str | None = None
    element: _Element | None = None


def extract_body(region: _Element, base_url: str, drop: Iterable[str] = ()) -> Body:
    """Read the body region: the page tree is not modified (the region is copied first)."""
    root = copy.deepcopy(region)
    unwanted = ", ".join(drop)  # one selection for all of them
    for element in select(root, unwanted) if unwanted else ():
        _remove(element)
    spam = _without_unseen(root, base_url)
    spam += injected_blocks(root, base_url)
    walker = _Walker(base_url)
    walker.walk(root)
    walker.flush()
    for icon in walker.icons:
        _remove(icon)
    items = walker.items
    _attach_positional_captions(items)
    for copy_of_picture in _same_pictures(items):  # a lead box's thumbnail of a body photo
        items.remove(copy_of_picture)
        if copy_of_picture.element is not None:
            _remove(copy_of_picture.element)

    images = [i for i in items if isinstance(i, _Img)]
    captions = {squash(i.caption) for i in images if i.caption}
    names = _image_names(images)
    paragraphs: list[str] = []
    posted: list[str] = []
    for item in items:
        if not isinstance(item, _Text) or item.is_caption:
            continue
        if item.text in captions or _is_leaked_filename(item.text, names):
            _remove_if_only(item)
            continue
        if is_chrome(item.text):  # a font-size bar, a counter, a posted-on line...
            posted += [date for date in [posted_date(item.text)] if date]
            _remove_if_only(item)
            continue
        if paragraphs and paragraphs[-1] == item.text:
            _remove_if_only(item)
            continue
        paragraphs.append(item.text)

    _absolute_links(root, base_url)
    root.attrib.clear()  # our copy: serialised once as a bare <div>, its tags then cut off
    root.tag = "div"
    inner = lxml_html.tostring(root, encoding="unicode", with_tail=False)[
        len("<div>") : -len("</div>")
    ]
    return Body(
        paragraphs=paragraphs,
        images=[Image(url=i.url, caption=i.caption, alt=i.alt) for i in images],
        html=sanitize_html(nfc(inner)),
        posted=posted,
        spam=spam,
    )


def _without_unseen(root: _Element, base_url: str) -> list[SpamBlock]:
    """Take the hidden elements out of the region; the spam among them is returned. Hidden
    elements that hold the body while next to nothing is in sight stay (a page revealing its
    text by script)."""
    hidden = hidden_elements(root)
    spam = []
    kept = []
    for element in hidden:
        found = spam_block(element, base_url, hidden=True)
        if found is None:
            kept.append(element)
        else:
            spam.append(found)
            _remove(element)
    if not revealed_by_script(root, kept):
        for element in kept:
            _remove(element)
    return spam


class _Walker:
    """Depth-first walk that turns a region into text blocks and images, in page order."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.items: list[_Text | _Img] = []
        self.icons: list[_Element] = []
        self._buffer: list[str] = []
        self._container: _Element | None = None

    def flush(self) -> None:
        text = squash("".join(self._buffer))
        self._buffer.clear()
        if text:
            self.items.append(_Text(text, self._container))

    def walk(self, element: _Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "img":
            self.flush()
            self._image(element, caption=None)
            return
        if (tag == "figure" and not _holds_figures(element)) or (
            tag == "table" and _is_caption_table(element)
        ):  # a gallery's <figure> of <figure>s is walked as a block: each picture its caption
            self.flush()
            self._captioned(element)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            outer, self._container = self._container, element
        if element.text:
            self._buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self._buffer.append(child.tail)
        if block:
            self.flush()
            self._container = outer

    def _captioned(self, element: _Element) -> None:
        """A <figure> or a caption table: its text is the caption of its (last) image."""
        caption_nodes = select(element, "figcaption") or [element]
        caption = squash(" ".join(n.text_content() for n in caption_nodes)) or None
        found = [img for img in element.iter("img") if not _in_noscript(img, element)]
        for position, img in enumerate(found):
            self._image(img, caption if position == len(found) - 1 else None)

    def _image(self, img: _Element, caption: str | None) -> None:
        """Record an image; a lazy-loaded one (placeholder or no ``src``) by its real source,
        which is also written back to ``src`` so the stored HTML shows it. A page's own icons
        (print, mail, share, rating stars, bullets) are not the article's images: left out of
        the images and the HTML."""
        candidates = (img.get(name, "").strip() for name in LAZY_SOURCES)
        src = next((c for c in candidates if c and not c.startswith("data:")), "")
        if not src:
            return
        if _is_icon(img, src):
            self.icons.append(img)
            return
        img.set("src", src)
        alt = squash(img.get("alt")) or None
        url = urljoin(self.base_url, src)
        self.items.append(_Img(url, alt, self._container, caption, element=img))


_ICON_NAME = re.compile(
    r"(?:^|[-_./])(?:ic|icon|icons|print|printer|mail|email|share|facebook|fb|zalo|twitter|"
    r"rss|star|stars|rating|vote|btn|button|arrow|bullet|spacer|blank)(?:[-_.\d]|$)",
    re.IGNORECASE,
)
MAX_ICON_PIXELS = 32


def _holds_figures(element: _Element) -> bool:
    return next(element.iterdescendants("figure"), None) is not None


def _in_noscript(img: _Element, within: _Element) -> bool:
    """An image of a ``<noscript>`` fallback: the copy of a lazy-loaded picture beside it."""
    for ancestor in img.iterancestors():
        if ancestor is within:
            return False
        if ancestor.tag == "noscript":
            return True
    return False


def _is_icon(img: _Element, src: str) -> bool:
    """An icon of the page, not an article image: named as one, drawn tiny, or the picture of
    a print, mail or script link."""
    name = urlsplit(src).path.rsplit("/", 1)[-1]
    if _ICON_NAME.search(name):
        return True
    sizes = [img.get(side, "").strip().removesuffix("px") for side in ("width", "height")]
    if any(size.isdigit() and int(size) <= MAX_ICON_PIXELS for size in sizes):
        return True
    link = next((a for a in img.iterancestors("a")), None)
    href = (link.get("href") or "").strip().lower() if link is not None else ""
    return href.startswith(("javascript:", "mailto:"))


def _absolute_links(root: _Element, base_url: str) -> None:
    """Links and image sources made absolute: the only URL attributes the sanitiser keeps
    (sanitize.ALLOWED_ATTRIBUTES), so lxml's make_links_absolute, which also rewrites styles,
    srcsets and every other link attribute, was a tenth of a page's parse for nothing."""
    for element in root.iter("a", "img"):
        attribute = "href" if element.tag == "a" else "src"
        value = element.get(attribute)
        if value:
            with contextlib.suppress(ValueError):  # a malformed URL stays as it was
                element.set(attribute, urljoin(base_url, value.strip()))


def _is_caption_table(table: _Element) -> bool:
    """A layout table holding an image and a short caption (CKEditor's 'image' table)."""
    images = table.xpath(".//img")
    return 1 <= len(images) <= 3 and len(squash(table.text_content())) <= MAX_CAPTION_CHARS


def _attach_positional_captions(items: list[_Text | _Img]) -> None:
    """A short text right after an uncaptioned image is its caption when it sits in the same
    block as the image or is styled as one (centred, italic, or a caption class). A leaked
    file name between the image and its caption is looked past."""
    for position, current in enumerate(items):
        if not isinstance(current, _Img) or current.caption:
            continue
        following = _next_text(items, position + 1, _image_names([current]))
        if following is None or len(following.text) > MAX_CAPTION_CHARS:
            continue
        if (
            _ends_the_image_block(items, current, following)
            or _styled_as_caption(following)
            or (_PHOTO_CREDIT.search(following.text) and not CREDIT_LABEL.match(following.text))
        ):
            current.caption = following.text
            following.is_caption = True


def _ends_the_image_block(items: list[_Text | _Img], image: _Img, text: _Text) -> bool:
    """``<p><img><br>Caption</p>``: the text shares the image's block and nothing follows it
    there. In ``<div>…<img><br>Sentence.<br>More text.</div>`` the sentence is body text."""
    block = image.container
    if block is None or text.container is not block:
        return False
    after = items[items.index(text) + 1 :]
    return not any(isinstance(item, _Text) and item.container is block for item in after)


def _next_text(items: list[_Text | _Img], start: int, image_names: set[str]) -> _Text | None:
    for item in items[start:]:
        if not isinstance(item, _Text):
            return None
        if not _is_leaked_filename(item.text, image_names):
            return item
    return None


# A caption says what it is: it ends with the photographer's credit ("… Ảnh: Khánh Vy",
# "(Ảnh minh họa)", "Photo: VNA"), which prose does not; a credit line ("Bài, ảnh: Hữu
# Phước") is the article's byline, not a caption
_PHOTO_CREDIT = re.compile(
    r"(?:[(\[]?\s*(?:ảnh|hình|photo|nguồn ảnh)\s*:\s*[^()\[\]!?]{2,40}?[)\]]?"
    r"|[(\[]\s*ảnh minh h[oọ]a\s*[)\]])\s*\.?$",
    re.IGNORECASE,
)


def _styled_as_caption(text: _Text) -> bool:
    container = text.container
    if container is None:
        return False
    if _CENTRED.search(container.get("style", "")) or container.get("align") == "center":
        return True
    if _CAPTION_CLASS.search(container.get("class", "")):
        return True
    italic = "".join(t for e in container.iter("em", "i") for t in e.itertext())
    return squash(italic) == text.text


# File names that say nothing of the picture ("image001.jpg", "anh1.png", "DSC_0123.JPG"): two
# of them in one article are not known to be one picture.
_NAMELESS = re.compile(r"(?:image|img|anh|hinh|photo|pic|picture|dsc|dscn|untitled)?[-_ ]?\d*")


def _same_pictures(items: list[_Text | _Img]) -> list[_Img]:
    """The images that show a picture the region shows again under the same file name in
    another folder or size (NukeViet's ``/assets/news/x.jpg`` thumbnail in the lead box and the
    body's ``/uploads/news/x.jpg``): each picture is kept once, where it has its caption (else
    the first time)."""
    by_name: dict[str, list[_Img]] = {}
    for item in items:
        if isinstance(item, _Img):
            name = _file_name(item)
            if len(splitext(name)[0]) >= 6 and not _NAMELESS.fullmatch(splitext(name)[0]):
                by_name.setdefault(name, []).append(item)
    copies: list[_Img] = []
    for same in by_name.values():
        if len({image.url for image in same}) < 2:
            continue  # the very same file twice: the page shows it twice
        kept = next((image for image in same if image.caption), same[0])
        copies += [image for image in same if image is not kept and image.url != kept.url]
    return copies


def _file_name(image: _Img) -> str:
    """The image's file name, lower-cased ("kiem-tra-xang-dau.jpg")."""
    return unquote(basename(urlsplit(image.url).path)).lower()


def _image_names(images: list[_Img]) -> set[str]:
    """File names, stems and alt texts of the region's images, lower-cased."""
    names: set[str] = set()
    for image in images:
        name = _file_name(image)
        names.update({name, splitext(name)[0]})
        if image.alt:
            names.add(image.alt.lower())
    return names


def _is_leaked_filename(text: str, image_names: set[str]) -> bool:
    """An image file name or alt token that leaked into the text as a line of its own."""
    if " " in text and not _IMAGE_FILE.match(text):
        return False
    return (
        bool(_IMAGE_FILE.match(text))
        or text.lower() in image_names
        or bool(_CODE_TOKEN.match(text))
    )


def _remove_if_only(item: _Text) -> None:
    """Drop the element of a dropped text block from the HTML when it holds nothing else."""
    element = item.container
    if element is not None and squash(element.text_content()) == item.text:
        _remove(element)


def _remove(element: _Element) -> None:
    """Remove an element but keep its tail text in place."""
    if element.getparent() is not None:
        element.drop_tree()
