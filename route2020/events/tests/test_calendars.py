"""The iCalendar feed and "Zet in je agenda": valid RFC 5545 in Europe/Amsterdam."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.django_db
def test_feed_is_valid_icalendar_with_amsterdam_timezone(client, make_event):
    summer = make_event(
        title="Delen maakt je rijker",
        start=datetime(2027, 6, 20, 10, 0, tzinfo=AMSTERDAM),
        end=datetime(2027, 6, 20, 16, 30, tzinfo=AMSTERDAM),
        venue_name="Cultura",
        venue_address="Molenstraat 45, Ede",
    )
    make_event(title="Winter-ALV", start=datetime(2027, 12, 10, 13, 0, tzinfo=AMSTERDAM))
    make_event(title="Lang geleden", start=timezone.now() - timedelta(days=800))
    response = client.get("/bijeenkomsten/feed.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Delen maakt je rijker", "Winter-ALV"}
    event = events["Delen maakt je rijker"]
    start = event.decoded("DTSTART")
    assert start == datetime(2027, 6, 20, 10, 0, tzinfo=AMSTERDAM)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert start.utcoffset() == timedelta(hours=2)
    assert events["Winter-ALV"].decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert str(event["LOCATION"]) == "Cultura, Molenstraat 45, Ede"
    assert str(event["UID"]) == f"bijeenkomst-{summer.pk}@route2020"
    assert str(event["URL"]).endswith(summer.url)
    # RFC 5545: lines end in CRLF and are folded at 75 octets.
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)


@pytest.mark.django_db
def test_feed_leaves_out_unpublished_events(client, make_event):
    event = make_event(title="Concept")
    event.unpublish()
    calendar = Calendar.from_ical(client.get("/bijeenkomsten/feed.ics").content)
    assert not calendar.walk("VEVENT")


@pytest.mark.django_db
def test_zet_in_je_agenda_gives_one_event(client, make_event):
    event = make_event(title="PleisterPlaatsOntmoeting Drenthe")
    response = client.get(event.url + "agenda.ics")
    assert response.status_code == 200
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (component,) = calendar.walk("VEVENT")
    assert str(component["SUMMARY"]) == "PleisterPlaatsOntmoeting Drenthe"
    assert component.decoded("DTEND") - component.decoded("DTSTART") == timedelta(hours=6)
    assert calendar.timezones[0].tz_name == "Europe/Amsterdam"
