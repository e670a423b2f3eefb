"""Elements a reader never sees, told by their own inline style or attributes: ``display:none``,
``visibility:hidden``, ``opacity:0``, a zero (or 1px) font size, a zero height or width with the
overflow hidden, a zero clip, off-screen positioning (``position:absolute; left:-9999px``,
``text-indent:-9999px``, ``margin-left:-9999px``) and the ``hidden`` attribute.

Class names are not read: what ``.hide`` does depends on a style sheet the page may not carry,
and portals hide the rest of an article behind a "Xem thêm" class that a script reveals.
``aria-hidden`` is not read either: it hides from screen readers what sighted readers see.
"""

from __future__ import annotations

import re

from lxml.etree import XPath, _Element

REVEALED_WORDS = 20  # hidden words at least, words in sight fewer: a body shown by script
OFF_SCREEN_PX = 1000  # left:-9999px, top:-5000px; a sticky bar at top:-10px stays
MAX_INVISIBLE_PX = 1.0  # font-size:1px, height:1px: nothing a reader can read
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|pt|em|rem|%|vh|vw|cm|mm|in)?$")
_PX_PER_UNIT = {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0, "cm": 37.8, "mm": 3.78, "in": 96.0}
# Every hiding style has one of these; a style without any is read no further.
_MAYBE_HIDING = re.compile(
    r"none|hidden|collapse|opacity|clip|-\s*\d|font-size\s*:\s*(?:0|1(?!\d)|\.)", re.I
)
# Elements with a style or the hidden attribute, found by libxml2; the styles with none of the
# words every hiding style has are read no further (an XPath test of those words costs more).
_STYLED = XPath(".//*[@style or @hidden]")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CLIP_RECT = re.compile(r"^rect\(([^)]*)\)$")
_OFFSETS = ("left", "top", "right", "bottom")  # of a positioned element
_SHIFTS = ("text-indent", "margin-left", "margin-top")  # of any element


def hidden_elements(region: _Element) -> list[_Element]:
    """The outermost hidden elements inside the region (the region itself is not judged: a
    page may reveal its whole body by script), in document order."""
    found = [element for element in _STYLED(region) if is_hidden(element)]
    if len(found) < 2:
        return found
    chosen = set(found)
    return [e for e in found if not any(a in chosen for a in _ancestors(e, region))]


def revealed_by_script(region: _Element, hidden: list[_Element]) -> bool:
    """True when the hidden elements hold the region's text and next to nothing is in sight:
    the page shows its body by script (a fade-in, a tab opened on load), so it is read."""
    if not hidden:
        return False
    hidden_words = sum(len(element.text_content().split()) for element in hidden)
    visible_words = len(region.text_content().split()) - hidden_words
    return hidden_words >= REVEALED_WORDS > visible_words


def is_hidden(element: _Element) -> bool:
    """True when the element's own inline style or attributes keep it out of sight."""
    hidden = element.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found":  # found by page search
        return True
    style = element.get("style")
    return bool(style) and hidden_by_style(style)


def hidden_by_style(style: str) -> bool:
    """True for an inline style that hides its element (see the module docstring)."""
    if not _MAYBE_HIDING.search(style):  # most styles: text-align, font-family, sizes
        return False
    rules = style_declarations(style)
    if rules.get("display") == "none" or rules.get("visibility") in ("hidden", "collapse"):
        return True
    if _number(rules.get("opacity")) == 0:
        return True
    font = _pixels(rules.get("font-size"))
    if font is not None and font <= MAX_INVISIBLE_PX:
        return True
    if rules.get("overflow") in ("hidden", "clip") or rules.get("overflow-y") == "hidden":
        for size in ("height", "max-height", "width", "max-width"):
            pixels = _pixels(rules.get(size))
            if pixels is not None and pixels <= MAX_INVISIBLE_PX:
                return True
    if any(_off_screen(rules.get(shift)) for shift in _SHIFTS):
        return True
    if rules.get("position") in ("absolute", "fixed", "relative"):
        if any(_off_screen(rules.get(offset)) for offset in _OFFSETS):
            return True
        if _zero_clip(rules.get("clip")):
            return True
    return False


def style_declarations(style: str) -> dict[str, str]:
    """An inline style as lower-case ``property -> value`` (the last declaration of a property
    wins, ``!important`` and comments dropped, white space folded)."""
    rules: dict[str, str] = {}
    for declaration in _COMMENT.sub("", style).split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            value = value.lower().replace("!important", "")
            rules[name.strip().lower()] = " ".join(value.split())
    return rules


def _off_screen(value: str | None) -> bool:
    pixels = _pixels(value)
    return pixels is not None and pixels <= -OFF_SCREEN_PX


def _zero_clip(value: str | None) -> bool:
    """``clip: rect(0 0 0 0)`` or ``rect(1px, 1px, 1px, 1px)``: the screen-reader-only pattern."""
    match = _CLIP_RECT.match(value or "")
    if not match:
        return False
    sides = [_pixels(side) for side in re.split(r"[\s,]+", match.group(1).strip())]
    return len(sides) == 4 and all(s is not None and abs(s) <= MAX_INVISIBLE_PX for s in sides)


def _pixels(value: str | None) -> float | None:
    """A CSS length in pixels (``em``/``rem`` at 16px); None for what is not a plain length or
    for relative units whose size is unknown (``%``, ``vh``) unless they are zero."""
    match = _LENGTH.match((value or "").strip())
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    if unit in _PX_PER_UNIT:
        return number * _PX_PER_UNIT[unit]
    return number if number == 0 else None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _ancestors(element: _Element, region: _Element) -> list[_Element]:
    found = []
    for ancestor in element.iterancestors():
        if ancestor is region:
            break
        found.append(ancestor)
    return found
