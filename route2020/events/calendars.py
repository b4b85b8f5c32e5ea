"""iCalendar (RFC 5545) for the feed, the "Zet in je agenda" link and the mail attachment.

Times are written in Europe/Amsterdam with a VTIMEZONE, so calendars show the local time the
event was announced with, also across the change to and from summer time.
"""

from datetime import date, timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from route2020.core.pages import public

from .models import AMSTERDAM, EventPage

FEED_DAYS_BACK = 365
FEED_LIMIT = 500


def _calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Route 2020//Bijeenkomsten//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Amsterdam")
    return calendar


def _event_component(event, url):
    component = Event()
    component.add("uid", f"bijeenkomst-{event.pk}@route2020")
    component.add("summary", event.title)
    component.add("dtstart", event.start.astimezone(AMSTERDAM))
    component.add("dtend", event.end.astimezone(AMSTERDAM))
    component.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(AMSTERDAM))
    where = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if where:
        component.add("location", where)
    elif event.online_url:
        component.add("location", event.online_url)
    description = strip_tags(event.intro or "")
    component.add("description", f"{description}\n\n{url}".strip())
    component.add("url", url)
    component.add("categories", [event.get_event_type_display()])
    return component


def _finish(calendar, events):
    starts = [event.start.date() for event in events] or [date.today()]
    calendar.add_missing_timezones(
        first_date=min(starts) - timedelta(days=366), last_date=max(starts) + timedelta(days=366)
    )
    return calendar.to_ical()


def event_calendar(event, url=None):
    """One event, for "Zet in je agenda" and the confirmation mail."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event_component(event, url or event.get_full_url()))
    return _finish(calendar, [event])


def feed_calendar(request):
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    events = list(
        public(EventPage.objects.live())
        .filter(end__gte=since)
        .order_by("start")
        .only(*EventPage.LIST_FIELDS, "venue_address", "intro")
        .select_related("province", "organiser")[:FEED_LIMIT]
    )
    calendar = _calendar("Route 2020 — bijeenkomsten")
    for event in events:
        calendar.add_component(_event_component(event, event.get_full_url(request)))
    return _finish(calendar, events)


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_response(event):
    return ics_response(event_calendar(event), f"{event.slug}.ics")
