"""Server-drawn charts: coordinates never localised, numbers for people in their language."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from route2020.core.charts import Chart, Series


@pytest.mark.parametrize("kind", ["bars", "columns", "stacked"])
def test_coordinates_have_a_decimal_point_in_dutch(kind):
    chart = Chart(
        "Budget per jaar",
        ["2016", "2017", "2018"],
        [Series("Toegekend", [12500.5, 30000, 7]), Series("Besteed", [3333.3, 0, 7])],
        kind=kind,
        unit="€",
    )
    with translation.override("nl"):
        svg = str(chart.svg())
    numbers = re.findall(r'\s(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers
    assert 'aria-hidden="true"' in svg


def test_the_table_holds_every_number_in_the_readers_language():
    chart = Chart("Budget", ["2016"], [Series("Toegekend", [12500]), Series("Besteed", [2500.5])])
    with translation.override("nl"):
        html = render_to_string("includes/chart.html", {"chart": chart, "id": "b"})
    assert "12.500" in html and "2.500,5" in html
    assert '<th class="utrecht-table__header-cell" scope="row">2016</th>' in html
    assert "Toegekend" in html and "Besteed" in html  # legend and column headers
    with translation.override("en"):
        assert "12,500" in render_to_string("includes/chart.html", {"chart": chart, "id": "b"})


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    chart = Chart("Leeg", ["2016"], [Series("Toegekend", [0])])
    html = render_to_string("includes/chart.html", {"chart": chart, "id": "leeg"})
    assert "Nog geen gegevens." in html and "<svg" not in html


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        Chart("x", [], [], kind="pie")
