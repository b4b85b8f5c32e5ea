"""Signing in: one path with one lockout (issue 11, finding 2 and point 4), two-step sign-in
for staff, and sign-up and password reset that do not tell whether an address has an account
(finding 9)."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.hashers import MD5PasswordHasher

from route2020.core import roles
from route2020.core.models import User
from route2020.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "fout-wachtwoord-0"


@pytest.fixture
def axes(settings):
    settings.AXES_ENABLED = True
    settings.ACCOUNT_RATE_LIMITS = False  # the lockout alone is under test
    return settings


def signed_in(client):
    return "_auth_user_id" in client.session


def login(client, email, password):
    return client.post("/account/login/", {"login": email, "password": password})


# --- finding 2: one sign-in path, one lockout --------------------------------------------------


def test_beheer_login_is_not_a_second_way_around_the_lockout(home, client, make_user, axes):
    editor = make_user(role=roles.EDITOR, email="redactie@example.org")
    for _ in range(40):
        client.post("/beheer/login/", {"username": editor.username, "password": WRONG})
    client.post("/beheer/login/", {"username": editor.username, "password": PASSWORD})
    assert not signed_in(client)
    response = client.get("/beheer/login/?next=/beheer/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=%2Fbeheer%2Fpages%2F"


def test_beheer_login_does_not_send_people_off_site(home, client):
    response = client.get("/beheer/login/?next=//evil.example/")
    assert response["Location"] == "/account/login/?next=%2Fbeheer%2F"


def test_an_account_is_locked_after_ten_failures_with_a_dutch_way_back(
    home, client, make_user, axes
):
    make_user(email="lid@example.org")
    statuses = [login(client, "lid@example.org", WRONG).status_code for _ in range(10)]
    assert statuses == [200] * 9 + [429]
    response = login(client, "LID@example.org", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in page
    assert "30 minuten" in page
    assert 'href="/account/password/reset/"' in page


def test_a_client_is_locked_after_ten_failures_on_any_accounts(home, client, make_user, axes):
    make_user(email="ander@example.org")
    for number in range(10):
        login(client, f"gok{number}@example.org", WRONG)
    assert login(client, "ander@example.org", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_a_new_password_through_the_mail_unlocks_the_account(
    home, client, make_user, axes, mailoutbox
):
    make_user(email="vergeten@example.org")
    for _ in range(10):
        login(client, "vergeten@example.org", WRONG)
    assert login(client, "vergeten@example.org", PASSWORD).status_code == 429

    client.post("/account/password/reset/", {"email": "vergeten@example.org"})
    link = re.search(r"http://testserver(/account/password/reset/key/\S+)", mailoutbox[-1].body)
    form_url = client.get(link.group(1))["Location"]
    new = "een-nieuw-lang-wachtwoord-7"
    client.post(form_url, {"password1": new, "password2": new})

    assert login(client, "vergeten@example.org", new).status_code == 302
    assert signed_in(client)


# --- two-step sign-in ----------------------------------------------------------------------------


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    return settings


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (roles.EDITOR, "/beheer/"),
        (roles.GUIDE, "/beheer/"),
        (roles.GUIDE, "/praktijkvoorbeelden/beoordelen/"),
        (roles.GUIDE, "/account/lidmaatschappen/"),
        (roles.EDITOR, "/account/lidmaatschappen/"),
    ],
)
def test_staff_set_up_two_step_sign_in_before_beheer_and_moderation(
    home, client, make_user, mfa_required, role, url
):
    user = make_user(role=role, provinces=["PV23"])
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"
    TOTP.activate(user, generate_totp_secret())
    assert client.get(url).status_code == 200


def test_a_superuser_too(home, client, make_user, mfa_required):
    admin = make_user(role=None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/beheer/")["Location"] == "/account/2fa/totp/activate/"


def test_members_are_not_asked_and_can_choose_it_on_the_profile(
    home, client, make_user, mfa_required
):
    member = make_user()
    client.force_login(member)
    profile = client.get("/account/profiel/").content.decode()
    assert 'href="/account/2fa/"' in profile
    assert client.get("/account/2fa/").status_code == 200
    assert client.get("/praktijkvoorbeelden/nieuw/").status_code == 200


def test_with_an_authenticator_sign_in_asks_for_the_code(home, client, make_user):
    user = make_user(role=roles.EDITOR, email="gids@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = login(client, "gids@example.org", PASSWORD)
    assert response["Location"] == "/account/2fa/authenticate/"
    assert not signed_in(client)
    client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert not signed_in(client)
    client.post("/account/2fa/authenticate/", {"code": totp_code(secret)})
    assert signed_in(client)


def test_without_the_setting_the_check_warns(settings):
    from route2020.core.checks import mfa_required_for_staff

    settings.MFA_REQUIRED_FOR_STAFF = False
    assert [warning.id for warning in mfa_required_for_staff(None)] == ["route2020.W001"]
    settings.MFA_REQUIRED_FOR_STAFF = True
    assert mfa_required_for_staff(None) == []


# --- finding 9: no enumeration -------------------------------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast tests) that counts how often a password is hashed."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


SIGNUP = {
    "password1": "een-lang-wachtwoord-42",
    "password2": "een-lang-wachtwoord-42",
    "first_name": "Noor",
    "last_name": "Nieuw",
}


def test_signup_answers_a_known_address_as_a_new_one_and_does_the_same_work(
    home, client, make_user, settings, mailoutbox
):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    make_user(email="bekend@example.org")
    answers = {}
    for email in ("bekend@example.org", "nieuw@example.org"):
        CountingHasher.calls = 0
        response = client.post("/account/signup/", dict(SIGNUP, email=email))
        answers[email] = (
            response.status_code,
            response["Location"],
            CountingHasher.calls,
            client.get(response["Location"]).content.decode().replace(email, "…"),
        )
    assert answers["bekend@example.org"] == answers["nieuw@example.org"]
    assert answers["nieuw@example.org"][2] == 1
    # Each address got one mail: the new one a link, the known one "you have an account".
    assert sorted(mail.to[0] for mail in mailoutbox) == ["bekend@example.org", "nieuw@example.org"]
    assert User.objects.filter(email="bekend@example.org").count() == 1


def test_password_reset_answers_the_same_for_an_unknown_address(home, client, make_user):
    make_user(email="bekend@example.org")
    answers = []
    for email in ("bekend@example.org", "onbekend@example.org"):
        response = client.post("/account/password/reset/", {"email": email})
        page = client.get(response["Location"]).content.decode()
        answers.append((response.status_code, response["Location"], page))
    assert answers[0] == answers[1]


def test_the_dashboard_says_when_two_step_sign_in_is_not_required(
    home, client, make_user, settings
):
    editor = make_user(role=roles.EDITOR)
    client.force_login(editor)
    settings.MFA_REQUIRED_FOR_STAFF = False
    assert "Inloggen in twee stappen is niet verplicht" in client.get("/beheer/").content.decode()
    settings.MFA_REQUIRED_FOR_STAFF = True
    TOTP.activate(editor, generate_totp_secret())
    assert "niet verplicht" not in client.get("/beheer/").content.decode()
