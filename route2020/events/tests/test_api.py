"""Events in the public API: the listing's filters, a date range, the programme with only
public practices; nobody's registration."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django.utils.http import parse_http_date

from route2020.core.tests.factories import province

pytestmark = pytest.mark.django_db
URL = "/api/v1/events/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def titles(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


@pytest.fixture
def theme(home):
    from route2020.core.pages import child
    from route2020.themes.models import ThemeIndexPage, ThemePage

    index = child(home, ThemeIndexPage, "themas", title="Thema's")
    return child(index, ThemePage, "digitale-inclusie", title="Digitale inclusie", number=1)


def test_filters_match_the_listing(client, make_event, theme):
    soon = timezone.now() + timedelta(days=3)
    past = timezone.now() - timedelta(days=30)
    assen = make_event(title="Assen", event_type="pleisterplaats", province=province("PV22"))
    make_event(title="Webinar", event_type="webinar", start=soon)
    make_event(title="Vorig jaar", start=past)
    assen.themes = [theme]
    assen.save_revision().publish()
    assert titles(client) == ["Vorig jaar", "Webinar", "Assen"]
    assert titles(client, wanneer="komend") == ["Webinar", "Assen"]
    assert titles(client, wanneer="geweest") == ["Vorig jaar"]
    assert titles(client, soort="webinar") == ["Webinar"]
    assert titles(client, provincie="drenthe") == ["Assen"]
    assert titles(client, thema="digitale-inclusie") == ["Assen"]
    assert titles(client, thema="bestaat-niet") == []


def test_date_range_in_local_days(client, make_event):
    evening = datetime(2027, 3, 10, 23, 30, tzinfo=AMSTERDAM)  # 22:30 UTC
    make_event(title="Avond", start=evening - timedelta(hours=2), end=evening)
    make_event(title="Volgende dag", start=evening + timedelta(hours=10))
    assert titles(client, van="2027-03-10", tot="2027-03-10") == ["Avond"]
    assert titles(client, van="2027-03-11") == ["Volgende dag"]
    assert titles(client, tot="2027-03-09") == []
    assert titles(client, van="0001-01-01", tot="9999-12-31") == ["Avond", "Volgende dag"]
    assert client.get(URL, {"van": "morgen"}).status_code == 422


def test_detail_has_the_programme_with_public_practices_only(client, make_event, make_practices):
    shown, draft = make_practices("Taalcafé", "Concept", live=True)
    draft.live = False
    draft.save()
    event = make_event(sessions=[("Parels", 1, 1, 30)])
    session = event.sessions.get()
    session.practices.set([shown, draft])
    session.save()
    data = client.get(f"{URL}{event.pk}/").json()
    [session] = data["sessions"]
    assert session["title"] == "Parels"
    assert session["capacity"] == 30
    assert session["practices"] == [
        {"id": shown.pk, "title": "Taalcafé", "url": f"http://testserver{shown.url}"}
    ]
    assert data["venue_address"] == "Molenstraat 45, Ede"
    assert data["registration"]["enabled"] is True


def test_no_registration_and_no_link_for_members_only(client, make_event, make_user):
    from route2020.events import services

    event = make_event(audience="leden", online_url="https://vergader.example/geheim")
    services.registration_create(event=event, user=make_user(), name="Piet Lid", email="p@x.nl")
    text = client.get(f"{URL}{event.pk}/").content.decode()
    assert "vergader.example" not in text
    assert "Piet Lid" not in text and "p@x.nl" not in text
    open_event = make_event(online_url="https://vergader.example/open")
    assert client.get(f"{URL}{open_event.pk}/").json()["online_url"] == (
        "https://vergader.example/open"
    )


def test_upcoming_changes_when_an_event_ends_so_last_modified_follows(client, make_event):
    ended = make_event(title="Net afgelopen", start=timezone.now() - timedelta(hours=3))
    ended.end = timezone.now() - timedelta(minutes=5)
    ended.save_revision().publish()
    make_event(title="Straks")
    response = client.get(URL, {"wanneer": "komend"})
    assert parse_http_date(response["Last-Modified"]) >= int(ended.end.timestamp())


def test_queries_per_page_are_fixed(client, make_event, django_assert_num_queries, settings):
    """The page's events, their themes and, for `wanneer`, the latest end."""
    settings.PAGE_CACHE_ENABLED = False
    make_event()
    for size in (1, 6):
        while len(client.get(URL).json()["results"]) < size:
            make_event()
        with django_assert_num_queries(2):
            assert len(client.get(URL, {"page_size": 50}).json()["results"]) == size
        with django_assert_num_queries(3):
            client.get(URL, {"page_size": 50, "wanneer": "komend"})
