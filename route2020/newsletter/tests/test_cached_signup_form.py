"""The Reisflitsen page comes from the page cache; its sign-up form gets the visitor's CSRF
token from /csrf/, and without JavaScript it is shown again with a token (route2020.core.csrf)."""

import re

import pytest
from django.test import Client

from route2020.core.cache import CACHE_HEADER
from route2020.newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

URL = "/reisflitsen/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def test_the_page_is_served_from_the_cache(newsletter_index, themes):
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(URL)[CACHE_HEADER] == "miss"
    response = visitor.get(URL)
    assert response[CACHE_HEADER] == "hit" and not response.cookies
    assert TOKEN.findall(response.content.decode()) == [""]


def test_without_javascript_the_form_comes_back_and_then_signs_up(
    newsletter_index, themes, mailoutbox, django_capture_on_commit_callbacks
):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(URL)
    data = {"email": "piet@example.org", "name": "Piet", "themes": [themes[0].pk]}
    response = visitor.post(URL, {"csrfmiddlewaretoken": "", **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert "nog niet verstuurd" in html and 'value="piet@example.org"' in html
    assert not Subscriber.objects.exists() and not mailoutbox
    [token] = TOKEN.findall(html)
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(URL, {"csrfmiddlewaretoken": token, **data})
    assert response.status_code == 302
    assert Subscriber.objects.get().email == "piet@example.org"
    assert len(mailoutbox) == 1


def test_the_token_from_csrf_signs_up_at_once(newsletter_index, themes):
    visitor = Client(enforce_csrf_checks=True)
    token = visitor.get("/csrf/").json()["token"]
    response = visitor.post(URL, {"csrfmiddlewaretoken": token, "email": "an@example.org"})
    assert response.status_code == 302
