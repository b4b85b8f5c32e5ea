"""An open event page comes from the page cache; its registration form gets the visitor's
CSRF token from /csrf/ (JavaScript), and without JavaScript the form is shown again with a
token instead of refused (route2020.core.csrf). The browser's side: test_browser_registration."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from route2020.core.cache import CACHE_HEADER
from route2020.events.models import Registration

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def visitor():
    """A browser's checks: the CSRF token and cookie are required."""
    return Client(enforce_csrf_checks=True)


def test_an_open_event_page_is_served_from_the_page_cache(visitor, make_event):
    event = make_event(capacity=20)
    first = visitor.get(event.url)
    assert first[CACHE_HEADER] == "miss" and "csrftoken" not in first.cookies
    second = visitor.get(event.url)
    assert second[CACHE_HEADER] == "hit"
    html = second.content.decode()
    assert "20 van 20 plaatsen vrij" in html
    assert TOKEN.findall(html) == [""] and "data-csrf-token" in html


def test_a_registration_renews_the_cached_page(visitor, make_event, captured):
    from route2020.events import services

    event = make_event(capacity=2)
    visitor.get(event.url)
    captured(services.registration_create, event=event, name="Ans", email="ans@example.org")
    captured(Registration.objects.update, status=Registration.Status.CONFIRMED)
    assert "1 van 2 plaats vrij" in visitor.get(event.url).content.decode()


def test_the_token_from_csrf_registers_at_once(visitor, make_event, mailoutbox):
    event = make_event(capacity=20)
    visitor.get(event.url)
    visitor.get(event.url)  # from the cache
    answer = visitor.get("/csrf/")
    assert "no-cache" in answer["Cache-Control"] and "csrftoken" in answer.cookies
    token = answer.json()["token"]
    response = visitor.post(
        event.register_url,
        {"csrfmiddlewaretoken": token, "name": "Vera", "email": "vera@example.org"},
    )
    assert response.status_code == 302
    assert Registration.objects.get().email == "vera@example.org"


def test_without_javascript_the_form_comes_back_with_a_token_and_then_registers(
    visitor, make_event, mailoutbox
):
    event = make_event(capacity=20)
    visitor.get(event.url)
    data = {"name": "Vera Bezoeker", "email": "vera@example.org", "organisation_name": "Assen"}
    # The cached page's empty token field, as a browser without JavaScript sends it.
    response = visitor.post(event.register_url, {"csrfmiddlewaretoken": "", **data})
    assert response.status_code == 400 and response["Cache-Control"] == "no-store"
    assert not Registration.objects.exists()
    html = response.content.decode()
    assert "nog niet verstuurd" in html
    assert 'value="Vera Bezoeker"' in html and 'value="vera@example.org"' in html
    [token] = TOKEN.findall(html)
    assert token and "csrftoken" in response.cookies
    response = visitor.post(event.register_url, {"csrfmiddlewaretoken": token, **data})
    assert response.status_code == 302
    assert Registration.objects.get().name == "Vera Bezoeker"


def test_a_wrong_token_is_refused_as_before(visitor, make_event):
    event = make_event(capacity=20)
    visitor.get("/csrf/")  # the cookie
    response = visitor.post(
        event.register_url,
        {"csrfmiddlewaretoken": "x" * 64, "name": "Vera", "email": "vera@example.org"},
    )
    assert response.status_code == 403
    assert "nog niet verstuurd" not in response.content.decode()
    assert not Registration.objects.exists()


def test_a_tokenless_post_elsewhere_is_refused_as_before(visitor, make_event, make_user):
    event = make_event(capacity=20)
    response = visitor.post(event.url, {"name": "Vera"})
    assert response.status_code == 403
    response = visitor.post("/account/profiel/", {"name": "Vera"})
    assert response.status_code == 403


def test_a_member_gets_the_token_in_the_page(make_event, make_user):
    event = make_event(capacity=20)
    member = Client(enforce_csrf_checks=True)
    member.force_login(make_user())
    html = member.get(event.url).content.decode()
    tokens = TOKEN.findall(html)  # the registration form's and the sign-out button's
    assert len(tokens) == 2 and all(tokens) and "data-csrf-token" not in html


class RecordingCache:
    """The page cache's store, with the timeout of each page it keeps recorded."""

    def __init__(self, real):
        self.real, self.timeouts = real, []

    def set(self, key, value, timeout):
        if key.startswith("pagecache:") and ":scope:" not in key:
            self.timeouts.append(timeout)
        return self.real.set(key, value, timeout)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.parametrize(
    ("fields", "at_most"),
    [
        ({"registration_closes": timedelta(seconds=90)}, 90),  # the form goes at closing
        ({"registration_opens": timedelta(seconds=45)}, 45),  # and appears at opening
        ({"start": timedelta(seconds=-60), "end": timedelta(seconds=30)}, 30),  # the report
        ({}, 600),
    ],
)
def test_the_page_is_kept_no_longer_than_it_stays_the_same(
    visitor, make_event, monkeypatch, settings, fields, at_most
):
    from django.utils import timezone

    from route2020.core import cache as page_cache

    settings.PAGE_CACHE_SECONDS = 600
    now = timezone.now()
    moments = {name: now + delta for name, delta in fields.items()}
    event = make_event(capacity=20, **moments)
    recording = RecordingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", recording)
    assert visitor.get(event.url)[CACHE_HEADER] == "miss"
    [timeout] = recording.timeouts
    assert at_most - 5 <= timeout <= at_most
