"""Amounts of money as a reader expects them: `{% load money %}{{ amount|euros }}` gives
"€ 1.500" in Dutch and "€ 1,500" in English, the same as the charts' tables (core/charts.py).
Other figures a person reads (staff hours) the same way: `{{ hours|number }}` gives "3.200".
Never in SVG, CSS or JSON: those take the plain number."""

from django import template

from route2020.core.charts import display

register = template.Library()


@register.filter
def euros(value):
    if value is None or value == "":
        return ""
    return display(value, "€")


@register.filter
def number(value):
    if value is None or value == "":
        return ""
    return display(value)
