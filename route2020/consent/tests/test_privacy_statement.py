"""The privacy statement: a page the office edits, in the form of the government's model,
filled from consent/statement.py for the demo."""

import pytest

from route2020.consent.models import PrivacyStatementPage
from route2020.consent.statement import PROCESSINGS, load_privacy_statement

pytestmark = pytest.mark.django_db


def test_the_statement_says_who_what_why_how_long_and_on_which_basis(home, client):
    load_privacy_statement(home)
    html = client.get("/privacy/").content.decode()
    assert "Wie is verantwoordelijk voor je gegevens?" in html
    assert "Vereniging van Openbare Bibliotheken is verantwoordelijk" in html
    assert 'href="mailto:privacy@route2020.example"' in html
    for row in PROCESSINGS:
        assert f">{row['purpose']}</h3>" in html
    for label in ("Waarom", "Welke gegevens", "Grondslag", "Hoe lang", "Met wie gedeeld"):
        assert f"<dt>{label}</dt>" in html
    assert "Toestemming (artikel 6 lid 1 onder a AVG)" in html
    assert "Dertien maanden" in html
    for heading in ("Cookies", "Je rechten", "Een klacht indienen"):
        assert f">{heading}</h2>" in html
    assert "Autoriteit Persoonsgegevens" in html


def test_loading_again_keeps_what_the_office_changed(home):
    page = load_privacy_statement(home)
    page.controller_name = "Bureau Route 2020"
    page.save_revision().publish()
    again = load_privacy_statement(home)
    assert again.pk == page.pk
    assert PrivacyStatementPage.objects.get().controller_name == "Bureau Route 2020"


def test_the_office_edits_it_in_the_cms(home, client, make_user):
    from route2020.core import roles

    page = load_privacy_statement(home)
    client.force_login(make_user(role=roles.EDITOR))
    response = client.get(f"/beheer/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verwerkingsverantwoordelijke" in html or "verwerkingsverantwoordelijke" in html
    assert "Grondslag" in html or "grondslag" in html
