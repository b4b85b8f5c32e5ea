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


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort1", "Dit wachtwoord is te kort: gebruik minstens 8 tekens."),
        ("12345678901", "Dit wachtwoord bestaat alleen uit cijfers."),
        ("password123", "Dit wachtwoord wordt te vaak gebruikt: kies een ander."),
        ("nieuw@bibliotheek", "Dit wachtwoord lijkt te veel op je e-mailadres."),
    ],
)
def test_password_rules_are_explained_in_dutch(home, client, password, message):
    """Django's Dutch catalogue lacks the "too short" message of Django 5.2: it showed in
    English on the sign-up page."""
    response = client.post("/account/signup/", dict(SIGNUP, password1=password, password2=password))
    html = response.content.decode()
    assert message in html
    assert "This password" not in html and "too short" not in html


def test_cms_names_and_filters_are_dutch(home, client, make_user):
    from wagtail.models import Task, Workflow

    assert "Moderators approval" not in set(Workflow.objects.values_list("name", flat=True))
    assert "Moderators approval" not in set(Task.objects.values_list("name", flat=True))
    admin = make_user(role=None, organisation=None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get("/beheer/users/?is_active=true").content.decode()
    assert "True" not in re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)
    assert "Ja" in html
