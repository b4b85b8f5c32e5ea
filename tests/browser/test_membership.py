"""A member asks to act for a library; the province's regiogids confirms it (issue 11,
finding 1), in a real browser under the site's Content-Security-Policy."""

import re

import pytest

from route2020.core import roles
from route2020.core.tests.factories import PASSWORD

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """A transactional test empties the tables, content types included, and PostgreSQL
    numbers them anew; the ids Django cached from the previous test would be stale (the
    organisation's search index entry refers to its content type)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def sign_in(page, email):
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator('main form[action="/account/login/"] button[type=submit]').click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_guide_confirms_a_membership(page, make_user, make_organisation, width):
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.set_viewport_size({"width": width, "height": 900})
    proefdorp = make_organisation("Bibliotheek Proefdorp", province_code="PV23")
    make_user(role=None, email="noor@kampen.example", first_name="Noor", last_name="Nieuw")
    make_user(role=roles.GUIDE, provinces=["PV23"], email="gids@example.org")

    sign_in(page, "noor@kampen.example")
    page.goto("/account/profiel/")
    page.locator("select#id_organisation").select_option(label="Bibliotheek Proefdorp")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    asked = page.get_by_text("Je hebt gevraagd om namens Bibliotheek Proefdorp te werken")
    assert asked.is_visible()
    page.context.clear_cookies()

    sign_in(page, "gids@example.org")
    page.goto("/account/lidmaatschappen/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Noor Nieuw").click()
    page.wait_for_url(re.compile(r"/account/lidmaatschappen/\d+/$"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_text("Noor Nieuw werkt nu namens Bibliotheek Proefdorp.").is_visible()
    assert page.get_by_text("Er wachten geen aanvragen op je.").is_visible()
    assert csp_errors == []

    from route2020.core.models import User

    assert User.objects.get(email="noor@kampen.example").organisation == proefdorp
