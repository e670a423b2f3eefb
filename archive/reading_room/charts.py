"""Small charts drawn on the server as SVG (no script, readable on a phone): matches per year,
articles per month per province, a site's crawl history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar
    value: int
    title: str  # the tooltip, in words
    href: str | None = None
    tone: str = "#3b6ea5"


def bars(items: Sequence[Bar], height: int = 120, width: int = 640) -> Markup:
    """A bar chart scaled to its largest value; each bar a link when it has one."""
    if not items:
        return Markup("")
    top = max(item.value for item in items) or 1
    width = min(width, max(160, 32 * len(items)))  # a few bars stay bars, not slabs
    step = width / len(items)
    gap = min(4.0, step * 0.2)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 34}" style="max-width:{width}px" '
        'role="img" '
        f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(items[0].title)} …">'
    ]
    label_every = max(1, round(len(items) / 12))
    for index, item in enumerate(items):
        bar_height = max(1.0, height * item.value / top) if item.value else 0
        x, y = index * step + gap / 2, height - bar_height
        rect = (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - gap:.1f}" height="{bar_height:.1f}" '
            f'fill="{item.tone}"><title>{escape(item.title)}</title></rect>'
        )
        if item.value and len(items) <= 40:
            rect += (
                f'<text x="{x + (step - gap) / 2:.1f}" y="{max(10, y - 3):.1f}" '
                f'text-anchor="middle" font-size="11">{item.value}</text>'
            )
        if item.href:
            rect = f'<a href="{escape(item.href)}">{rect}</a>'
        parts.append(rect)
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + (step - gap) / 2:.1f}" y="{height + 16}" text-anchor="middle" '
                f'font-size="12">{escape(item.label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


YEAR_LABEL_COLUMNS = 4  # a year label ("2013") is as wide as four months


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: dict[tuple[str, str], int],
    title: Callable[[str, str, int], str],
    href: Callable[[str, str], str | None],
    column_label: Callable[[str], str] = str,
    row_label: Callable[[str], str] = str,
) -> Markup:
    """A grid, one row per ``rows`` value and one cell per column, shaded by its count; a cell
    is a link where ``href`` gives one."""
    if not rows or not columns:
        return Markup("")
    # a row as tall as its 11 px label; a column per month, a year label every January (the
    # first column's only when the next January is not right after it), room for the last
    cell, row_height, label_width, top_margin, right_margin = 10, 15, 150, 18, 32
    width = label_width + cell * len(columns) + right_margin
    height = top_margin + row_height * len(rows) + 4
    largest = max(counts.values(), default=1) or 1
    parts = [
        f'<svg class="heatmap" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-label="Số bài theo tháng và tỉnh · Articles per month per province">'
    ]
    januaries = [i for i, column in enumerate(columns) if column.endswith("-01")]
    labelled = januaries if januaries and januaries[0] < YEAR_LABEL_COLUMNS else [0, *januaries]
    for index in labelled:
        parts.append(
            f'<text x="{label_width + index * cell}" y="12" font-size="11">'
            f"{escape(column_label(columns[index]))}</text>"
        )
    for row_index, row in enumerate(rows):
        y = top_margin + row_index * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row_height - 4}" font-size="11" '
            f'text-anchor="end">{escape(row_label(row))}</text>'
        )
        for index, column in enumerate(columns):
            count = counts.get((row, column), 0)
            if not count:
                continue
            shade = 0.25 + 0.75 * count / largest
            rect = (
                f'<rect x="{label_width + index * cell}" y="{y + 1}" width="{cell - 1}" '
                f'height="{row_height - 3}" fill="#1f5f99" fill-opacity="{shade:.2f}">'
                f"<title>{escape(title(row, column, count))}</title></rect>"
            )
            link = href(row, column)
            parts.append(f'<a href="{escape(link)}">{rect}</a>' if link else rect)
    parts.append("</svg>")
    return Markup("".join(parts))


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from ``first`` to ``last``, both included."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
