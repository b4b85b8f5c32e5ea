"""Charts drawn on the server as SVG, each with its numbers in a table beside it.

No chart library and no JavaScript: an app builds a `Chart` from numbers it already has and
includes `includes/chart.html`. The SVG is a picture of the table (`aria-hidden`); the table
is what screen readers and printers read. Coordinates are written with a decimal point,
never localised (the Dutch locale writes "12,5", which SVG reads as two numbers); only the
text a person reads goes through `number_format`.

Three kinds:
- "bars": horizontal bars, one group per category, one bar per series (labels above bars,
  so long names such as theme titles fit on a phone);
- "columns": vertical columns per category (years, days), one per series;
- "stacked": one horizontal 100 % bar per category, a segment per series (shares such as
  actions by status).
Series colours come from CSS classes (`r2020-chart__s1` ... `__s6`), not inline styles, so
the Content-Security-Policy needs no `unsafe-inline` for styles.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 420  # drawn at 1:1 on a wide screen, about 0.8 on a phone: the text stays legible
BAR = 14
GAP = 6
LABEL = 18
COLUMNS_HEIGHT = 200
KINDS = ("bars", "columns", "stacked")


def coord(value):
    """A coordinate for an SVG attribute: a decimal point whatever the language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def display(value, unit=""):
    """A value as a person reads it, in the active language (1.500 in Dutch, 1,500 in English)."""
    decimals = 0 if float(value).is_integer() else 2 if unit == "€" else 1
    text = number_format(value, decimal_pos=decimals, force_grouping=True)
    if unit == "€":
        return f"€\u00a0{text}"
    if unit == "%":
        return f"{text}%"
    return f"{text}\u00a0{unit}" if unit else text


@dataclass(frozen=True)
class Series:
    name: str
    values: list


@dataclass
class Chart:
    title: str
    categories: list
    series: list
    kind: str = "bars"
    unit: str = ""
    summary: str = ""
    max_value: float | None = None
    rows: list = field(init=False)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        self.rows = [
            (category, [display(s.values[i] or 0, self.unit) for s in self.series])
            for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self):
        return not any(value for s in self.series for value in s.values)

    def _peak(self):
        if self.max_value:
            return float(self.max_value)
        return max([float(v or 0) for s in self.series for v in s.values] + [1.0])

    def svg(self):
        return {"bars": self._bars, "columns": self._columns, "stacked": self._stacked}[self.kind]()

    def _frame(self, height, body):
        return format_html(
            '<svg class="r2020-chart__svg" viewBox="0 0 {} {}" '
            'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
            WIDTH,
            coord(height),
            body,
        )

    def _bars(self):
        peak, parts, y = self._peak(), [], 0.0
        room = WIDTH - 80  # the value is written after the bar
        for i, category in enumerate(self.categories):
            parts.append(
                format_html(
                    '<text class="r2020-chart__label" x="0" y="{}">{}</text>',
                    coord(y + 13),
                    category,
                )
            )
            y += LABEL
            for number, s in enumerate(self.series, start=1):
                value = float(s.values[i] or 0)
                width = room * value / peak if peak else 0
                parts.append(
                    format_html(
                        '<rect class="r2020-chart__s{}" x="0" y="{}" width="{}" height="{}"/>'
                        '<text class="r2020-chart__value" x="{}" y="{}">{}</text>',
                        number,
                        coord(y),
                        coord(width),
                        BAR,
                        coord(width + 4),
                        coord(y + BAR - 3),
                        display(value, self.unit),
                    )
                )
                y += BAR + 2
            y += GAP
        return self._frame(y, mark_safe("".join(parts)))

    def _columns(self):
        peak, parts = self._peak(), []
        count = max(len(self.categories), 1)
        slot = WIDTH / count
        column = max(min((slot - 8) / max(len(self.series), 1), 40), 2)
        base = COLUMNS_HEIGHT
        for i, category in enumerate(self.categories):
            x0 = i * slot + (slot - column * len(self.series)) / 2
            for number, s in enumerate(self.series):
                value = float(s.values[i] or 0)
                height = (base - 20) * value / peak if peak else 0
                parts.append(
                    format_html(
                        '<rect class="r2020-chart__s{}" x="{}" y="{}" width="{}" height="{}"/>',
                        number + 1,
                        coord(x0 + number * column),
                        coord(base - height),
                        coord(column - 1),
                        coord(height),
                    )
                )
            if count <= 16 or i % max(count // 8, 1) == 0:
                parts.append(
                    format_html(
                        '<text class="r2020-chart__axis" x="{}" y="{}" text-anchor="middle">'
                        "{}</text>",
                        coord(i * slot + slot / 2),
                        base + 16,
                        category,
                    )
                )
        parts.append(
            format_html(
                '<line class="r2020-chart__baseline" x1="0" x2="{}" y1="{}" y2="{}"/>',
                WIDTH,
                base,
                base,
            )
        )
        return self._frame(base + 22, mark_safe("".join(parts)))

    def _stacked(self):
        parts, y = [], 0.0
        for i, category in enumerate(self.categories):
            parts.append(
                format_html(
                    '<text class="r2020-chart__label" x="0" y="{}">{}</text>',
                    coord(y + 13),
                    category,
                )
            )
            y += LABEL
            total = sum(float(s.values[i] or 0) for s in self.series)
            x = 0.0
            for number, s in enumerate(self.series, start=1):
                value = float(s.values[i] or 0)
                width = WIDTH * value / total if total else 0
                if width:
                    parts.append(
                        format_html(
                            '<rect class="r2020-chart__s{}" x="{}" y="{}" width="{}" height="{}"/>',
                            number,
                            coord(x),
                            coord(y),
                            coord(width),
                            BAR + 4,
                        )
                    )
                x += width
            y += BAR + 4 + GAP
        return self._frame(y, mark_safe("".join(parts)))

    def legend(self):
        """The series names with their colour, for charts with more than one series."""
        if len(self.series) < 2:
            return ""
        return format_html(
            '<ul class="r2020-chart__legend">{}</ul>',
            format_html_join(
                "",
                '<li><svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">'
                '<rect class="r2020-chart__s{}" width="10" height="10"/></svg> {}</li>',
                ((number, s.name) for number, s in enumerate(self.series, start=1)),
            ),
        )
