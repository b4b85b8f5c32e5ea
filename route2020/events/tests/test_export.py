"""The event calendar as CSV: the listing's filters and order, every event, streamed."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.core import csv_export
from route2020.core.tests.factories import province

pytestmark = pytest.mark.django_db
URL = "/bijeenkomsten/export.csv"


def read(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="bijeenkomsten.csv"'
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_upcoming_by_default_past_on_request_like_the_listing(client, make_event):
    make_event(title="Later", start=timezone.now() + timedelta(days=20))
    make_event(title="Eerst", start=timezone.now() + timedelta(days=2))
    make_event(title="Geweest", start=timezone.now() - timedelta(days=20))
    assert [row["titel"] for row in read(client.get(URL))] == ["Eerst", "Later"]
    assert [row["titel"] for row in read(client.get(URL, {"wanneer": "geweest"}))] == ["Geweest"]


def test_filters_and_columns(client, make_event):
    start = timezone.now() + timedelta(days=5)
    make_event(title="Assen", event_type="pleisterplaats", province=province("PV22"), start=start)
    make_event(title="Webinar", event_type="webinar", online_url="https://web.example/x")
    [row] = read(client.get(URL, {"provincie": "drenthe"}))
    assert row["titel"] == "Assen"
    assert row["soort"] == "PleisterPlaatsOntmoeting"
    assert row["provincie"] == "Drenthe"
    assert row["begint op"] == timezone.localtime(start).strftime("%Y-%m-%d %H:%M")
    assert row["adres locatie"] == "Molenstraat 45, Ede"
    assert row["adres"].startswith("http://testserver/bijeenkomsten/")
    [webinar] = read(client.get(URL, {"soort": "webinar"}))
    assert webinar["online"] == "ja"
    assert webinar["provincie"] == "Landelijk"


def test_in_english_under_en(client, make_event):
    make_event(event_type="webinar")
    [row] = read(client.get("/en" + URL))
    assert row["type"] == "Webinar"


def test_formulas_are_written_as_text(client, make_event):
    make_event(title="=cmd|' /C calc'!A0", venue_name="@Bibliotheek")
    [row] = read(client.get(URL))
    assert row["titel"] == "'=cmd|' /C calc'!A0"
    assert row["locatie"] == "'@Bibliotheek"


def test_streamed_with_queries_per_chunk_only(
    client, make_event, django_assert_num_queries, monkeypatch
):
    """The filter form's choices (2), the events (1 cursor), their themes (1 per chunk); the
    view itself only looks up the index page, before streaming."""
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 2)
    make_event()

    def count(expected):
        b"".join(client.get(URL).streaming_content)
        response = client.get(URL)
        with django_assert_num_queries(expected):
            return len(read(response))

    assert count(2 + 1 + 1) == 1
    for _ in range(4):
        make_event()
    assert count(2 + 1 + 3) == 5


def test_the_listing_links_to_the_download_with_its_filters(client, make_event):
    make_event()
    html = client.get("/bijeenkomsten/", {"soort": "webinar", "wanneer": "geweest"}).content
    assert b'href="/bijeenkomsten/export.csv?wanneer=geweest&amp;soort=webinar"' in html
