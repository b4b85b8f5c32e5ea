"""Sign-up with email verification, password reset: what a new member goes through."""

import re

import pytest

from route2020.core.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "nieuw@bibliotheek.example",
    "password1": "een-lang-wachtwoord-42",
    "password2": "een-lang-wachtwoord-42",
    "first_name": "Noor",
    "last_name": "Nieuw",
}


def test_signup_sends_a_verification_mail_and_verifying_allows_login(home, client, mailoutbox):
    response = client.post("/account/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email=SIGNUP["email"])
    assert user.first_name == "Noor"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [SIGNUP["email"]]
    assert mail.subject.startswith("[Route 2020]")
    link = re.search(r"http://testserver(/account/confirm-email/[^\s]+)", mail.body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    client.post(link)
    assert user.emailaddress_set.get().verified


def test_signup_errors_are_dutch_next_to_the_field_and_keep_input(home, client):
    data = dict(SIGNUP, password2="iets-anders-99", email="geen-email")
    response = client.post("/account/signup/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voer een geldig e-mailadres in." in html
    assert 'value="Noor"' in html
    assert not User.objects.filter(first_name="Noor").exists()


def test_password_reset_mails_a_link(home, client, mailoutbox, make_user):
    make_user(email="vergeten@example.org")
    response = client.post("/account/password/reset/", {"email": "vergeten@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/account/password/reset/key/" in mailoutbox[0].body
