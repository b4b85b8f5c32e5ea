from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.core.pages import child
from route2020.events.models import EventIndexPage, EventPage, Session


@pytest.fixture
def event_index(home):
    return child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten", show_in_menus=True)


@pytest.fixture
def make_event(event_index):
    counter = iter(range(1, 10_000))

    def make(sessions=(), **fields):
        number = next(counter)
        start = fields.pop("start", timezone.now() + timedelta(days=10))
        defaults = {
            "title": f"Bijeenkomst {number}",
            "slug": f"bijeenkomst-{number}",
            "start": start,
            "end": start + timedelta(hours=6),
            "venue_name": "Cultura",
            "venue_address": "Molenstraat 45, Ede",
        }
        defaults.update(fields)
        event = EventPage(**defaults)
        for index, (title, offset, hours, capacity) in enumerate(sessions):
            event.sessions.add(
                Session(
                    title=title,
                    start=start + timedelta(hours=offset),
                    end=start + timedelta(hours=offset + hours),
                    capacity=capacity,
                    room=f"Zaal {index + 1}",
                    sort_order=index,
                )
            )
        event_index.add_child(instance=event)
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    return make


@pytest.fixture
def captured(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the queued mails) as they would after a real commit."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def make_practices(home, make_organisation):
    """Published practice pages, without revisions: enough for the chooser and fast."""
    from route2020.practices.models import PracticeIndexPage, PracticePage

    index = child(home, PracticeIndexPage, "praktijkvoorbeelden", title="Praktijkvoorbeelden")
    organisation = make_organisation()
    counter = iter(range(1, 100_000))

    def make(*titles, live=True):
        pages = []
        for title in titles:
            number = next(counter)
            page = PracticePage(
                title=title,
                slug=f"praktijk-{number}",
                summary="Samen lezen in de bibliotheek.",
                status="afgerond",
                organisation=organisation,
                live=live,
            )
            index.add_child(instance=page)
            pages.append(page)
        return pages

    return make
