"""Every spreadsheet the platform hands out defuses formulas (issue 11, finding 4).

The exports of the registrations and the subscribers are tested in their apps
(events/tests/test_office.py, newsletter/tests/test_admin.py); here the rule itself and a
report of Wagtail's own, which no app of ours defines.
"""

import io

import pytest
from openpyxl import load_workbook

from route2020.files.spreadsheets import cell


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://evil.example/","klik")',
        "+31 6 12345678",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "   =1+1",
        "\uff1d1+1",
    ],
)
def test_formulas_become_text(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Anna de Vries", "a=b", "", "'quoted", 12, None, 3.5])
def test_other_values_stay_as_they_are(value):
    assert cell(value) == value


@pytest.mark.django_db
def test_wagtail_report_export_defuses_a_page_title(client, home, make_user):
    """A report of Wagtail's own (locked pages) goes through the same rule: page titles come
    from members too (a submitted practice's title)."""
    from wagtail.models import Page

    admin = make_user(role="Redactie", is_superuser=True)
    page = Page(title="=cmd|' /C calc'!A0", slug="formule", locked=True, locked_by=admin)
    home.add_child(instance=page)
    client.force_login(admin)

    response = client.get("/beheer/reports/locked/?export=csv")
    text = b"".join(response.streaming_content).decode()
    assert "'=cmd|" in text
    assert not any(line.startswith("=") for line in text.splitlines())

    response = client.get("/beheer/reports/locked/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert "'=cmd|' /C calc'!A0" in values
