"""SVG charts drawn on the server: no script, no third party, numbers never localised.

Every number written into the SVG is formatted here in Python (`_n`), never by a template,
so the Dutch locale's decimal comma cannot reach a coordinate. Each chart has a title and
says where its figures are; the table beside it carries them for screen readers.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_COLOUR = "#2f6f9f"
GRID_COLOUR = "#8a8a8a"


def _n(value):
    """A coordinate: at most one decimal, a point as separator."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width, height, title_id, title, body):
    return mark_safe(
        f'<svg class="r2020-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="100%" '
        f'aria-labelledby="{escape(title_id)}">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>{body}</svg>'
    )


def _short(text, length):
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(rows, *, title, chart_id, label_width=240, width=640, bar_height=22):
    """Horizontal bars for (label, value) rows, largest first as given."""
    rows = list(rows)
    gap = 6
    height = max(len(rows), 1) * (bar_height + gap) + gap
    largest = max((value for _label, value in rows), default=0) or 1
    room = width - label_width - 60
    parts = []
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = room * value / largest
        middle = y + bar_height / 2
        parts.append(
            f'<text x="{_n(label_width - 8)}" y="{_n(middle)}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="13" fill="currentColor">'
            f"{escape(_short(str(label), 34))}</text>"
            f'<rect x="{_n(label_width)}" y="{_n(y)}" width="{_n(max(length, 1))}" '
            f'height="{_n(bar_height)}" fill="{BAR_COLOUR}"/>'
            f'<text x="{_n(label_width + length + 6)}" y="{_n(middle)}" '
            f'dominant-baseline="middle" font-size="13" fill="currentColor">{value}</text>'
        )
    return _svg(width, height, chart_id, title, "".join(parts))


def column_chart(points, *, title, chart_id, width=640, height=220):
    """Vertical columns for (date, value) points in date order, a label every week."""
    points = list(points)
    left, bottom, top = 48, 28, 12
    plot_height = height - bottom - top
    largest = max((value for _day, value in points), default=0) or 1
    step = (width - left - 8) / max(len(points), 1)
    bar = max(step * 0.8, 1)
    parts = [
        f'<line x1="{_n(left)}" y1="{_n(top + plot_height)}" x2="{_n(width - 4)}" '
        f'y2="{_n(top + plot_height)}" stroke="{GRID_COLOUR}"/>',
        f'<text x="{_n(left - 6)}" y="{_n(top + 4)}" text-anchor="end" font-size="12" '
        f'fill="currentColor">{largest}</text>',
        f'<text x="{_n(left - 6)}" y="{_n(top + plot_height)}" text-anchor="end" '
        f'font-size="12" fill="currentColor">0</text>',
    ]
    label_every = 1 if len(points) <= 10 else 7
    for index, (day, value) in enumerate(points):
        x = left + index * step + (step - bar) / 2
        length = plot_height * value / largest
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(top + plot_height - length)}" width="{_n(bar)}" '
            f'height="{_n(length)}" fill="{BAR_COLOUR}"/>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{_n(x + bar / 2)}" y="{_n(height - 8)}" text-anchor="middle" '
                f'font-size="11" fill="currentColor">{day.day}-{day.month}</text>'
            )
    return _svg(width, height, chart_id, title, "".join(parts))
