"""A person's language: taken from where they sign in, chosen on the profile, used for mails.
Role names are data; the site shows a label for them."""

import pytest

from route2020.core import roles
from route2020.core.models import User
from route2020.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_on_the_english_site_makes_mails_english(home, client, make_user):
    user = make_user(email="lid@example.org")
    assert user.language == "nl"
    response = client.post("/en/account/login/", {"login": "lid@example.org", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"


def test_signing_in_on_the_dutch_site_makes_mails_dutch_again(home, client, make_user):
    user = make_user(email="lid@example.org", language="en")
    response = client.post("/account/login/", {"login": "lid@example.org", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "nl"


def test_a_failed_sign_in_changes_nothing(home, client, make_user):
    user = make_user(email="lid@example.org")
    client.post("/en/account/login/", {"login": "lid@example.org", "password": "fout"})
    user.refresh_from_db()
    assert user.language == "nl"


def test_signing_up_on_the_english_site_stores_english(home, client):
    response = client.post(
        "/en/account/signup/",
        {
            "email": "new@library.example",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
            "first_name": "Noor",
            "last_name": "Nieuw",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="new@library.example").language == "en"


class TestProfileLanguage:
    def test_profile_offers_the_languages_and_saves_the_choice(self, home, client, make_user):
        user = make_user(role=None, first_name="Anna", last_name="Smit")
        client.force_login(user)
        html = client.get("/account/profiel/").content.decode()
        assert 'name="language"' in html
        assert '<option value="en">English</option>' in html
        response = client.post(
            "/account/profiel/",
            {"first_name": "Anna", "last_name": "Smit", "job_title": "", "language": "en"},
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.language == "en"

    def test_an_unknown_language_is_refused_in_dutch_and_keeps_the_input(
        self, home, client, make_user
    ):
        user = make_user(role=None)
        client.force_login(user)
        response = client.post(
            "/account/profiel/",
            {"first_name": "Anna", "last_name": "Smit", "job_title": "Adviseur", "language": "xx"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Selecteer een geldige keuze. xx is geen beschikbare keuze." in html
        assert 'value="Adviseur"' in html
        user.refresh_from_db()
        assert (user.first_name, user.language) != ("Anna", "xx")
        assert user.language == "nl"

    def test_export_holds_the_language(self, home, client, make_user):
        client.force_login(make_user(language="en"))
        assert client.get("/account/gegevens/").json()["account"]["taal"] == "en"


def test_profile_shows_the_role_label_not_the_group_name(home, client, make_user, monkeypatch):
    monkeypatch.setitem(roles.ROLE_LABELS, roles.GUIDE, "Regional guide")
    client.force_login(make_user(role=roles.GUIDE, organisation=None))
    html = client.get("/account/profiel/").content.decode()
    assert "Rollen: Regional guide." in html
    assert "Regiogids" not in html


def test_role_groups_keep_their_dutch_names(make_user):
    from django.contrib.auth.models import Group

    make_user()
    assert set(Group.objects.values_list("name", flat=True)) >= {"Lid", "Regiogids", "Redactie"}
    assert roles.role_label("Klankbordgroep") == "Klankbordgroep"
