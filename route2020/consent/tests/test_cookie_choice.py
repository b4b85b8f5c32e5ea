"""The cookie question answers "Ja" and "Nee" on cached pages, without a CSRF token, and
cannot be answered from another site."""

import re

import pytest
from django.test import Client

from route2020.consent.cookies import STATISTICS_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_client():
    """A client that checks CSRF as a browser's request is checked."""
    return Client(enforce_csrf_checks=True)


def choose(client, answer, next_path="/", **headers):
    return client.post("/cookies/", {"keuze": answer, "next": next_path}, **headers)


def test_ja_from_a_cached_page_is_accepted_without_a_token(home, browser_client):
    browser_client.get("/")
    page = browser_client.get("/")
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert 'action="/cookies/"' in html

    response = choose(browser_client, "ja", "/", HTTP_SEC_FETCH_SITE="same-origin")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["r2020_cookies"].value == "ja"
    assert re.fullmatch(r"[0-9a-f]{32}", response.cookies[STATISTICS_COOKIE].value)
    footer = browser_client.get("/").content.decode()
    assert "Je hebt ingestemd met statistiekcookies." in footer


def test_nee_is_remembered_and_deletes_the_statistics_cookie(home, browser_client):
    choose(browser_client, "ja")
    response = choose(browser_client, "nee", "/#cookievraag")
    assert response["Location"] == "/#cookievraag"
    assert response.cookies["r2020_cookies"].value == "nee"
    deleted = response.cookies[STATISTICS_COOKIE]
    assert deleted.value == "" and deleted["max-age"] == 0
    assert (
        STATISTICS_COOKIE not in browser_client.cookies
        or not browser_client.cookies[STATISTICS_COOKIE].value
    )
    assert "Je hebt statistiekcookies geweigerd." in browser_client.get("/").content.decode()


def test_ja_again_keeps_the_same_id(home, client):
    first = choose(client, "ja").cookies[STATISTICS_COOKIE].value
    assert choose(client, "ja").cookies[STATISTICS_COOKIE].value == first


def test_cookies_are_first_party_lax_and_http_only(home, client):
    response = choose(client, "ja")
    for name in ("r2020_cookies", STATISTICS_COOKIE):
        morsel = response.cookies[name]
        assert morsel["samesite"] == "Lax"
        assert morsel["httponly"]
        assert not morsel["domain"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
)
def test_a_post_from_another_site_is_refused(home, browser_client, headers):
    response = choose(browser_client, "ja", **headers)
    assert response.status_code == 403
    assert "alleen op deze website" in response.content.decode()
    assert not response.cookies


def test_a_post_from_this_site_by_origin_or_referer_is_accepted(home, client):
    assert choose(client, "ja", HTTP_ORIGIN="http://testserver").status_code == 302
    assert choose(client, "nee", HTTP_REFERER="http://testserver/nieuws/").status_code == 302


@pytest.mark.parametrize("answer", ["", "misschien", "JA"])
def test_only_ja_or_nee(home, client, answer):
    response = choose(client, answer)
    assert response.status_code == 400
    assert "r2020_cookies" not in response.cookies


def test_only_post(home, client):
    assert client.get("/cookies/?keuze=ja").status_code == 405


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""],
)
def test_the_answer_never_sends_anyone_elsewhere(home, client, target):
    response = choose(client, "nee", target)
    assert response["Location"] == "/"


def test_the_page_cache_keeps_one_copy_per_answer_and_none_for_made_up_values(home, client):
    client.get("/")
    client.cookies["r2020_cookies"] = "iets-anders"
    assert client.get("/")["X-Page-Cache"] == "hit"
    client.cookies["r2020_cookies"] = "nee"
    assert client.get("/")["X-Page-Cache"] == "miss"
