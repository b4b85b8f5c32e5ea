"""The database keeps the order of dates and the capacities, whatever writes to it; the CMS
tells the editor in Dutch before it comes to that."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from route2020.core.tests.factories import PASSWORD
from route2020.events.models import EventPage, Session

pytestmark = pytest.mark.django_db


def refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_the_database_refuses_an_event_that_ends_before_it_starts(make_event):
    event = make_event()
    refused(EventPage.objects.filter(pk=event.pk), end=event.start - timedelta(minutes=1))
    EventPage.objects.filter(pk=event.pk).update(end=event.start)  # zero length is allowed


def test_the_database_refuses_a_registration_that_closes_before_it_opens(make_event):
    event = make_event()
    opens = event.start - timedelta(days=5)
    events = EventPage.objects.filter(pk=event.pk)
    refused(events, registration_opens=opens, registration_closes=opens - timedelta(hours=1))
    events.update(registration_opens=opens, registration_closes=None)  # open until the start
    events.update(registration_opens=None, registration_closes=opens)


def test_the_database_refuses_a_session_that_does_not_end_after_it_starts(make_event):
    event = make_event(sessions=[("Parel", 1, 1, 20)])
    session = event.sessions.get()
    refused(Session.objects.filter(pk=session.pk), end=session.start)


@pytest.mark.parametrize("model", [EventPage, Session])
def test_the_database_refuses_a_negative_capacity(make_event, model):
    event = make_event(sessions=[("Parel", 1, 1, 20)])
    pk = event.pk if model is EventPage else event.sessions.get().pk
    refused(model.objects.filter(pk=pk), capacity=-1)


def event_form(event, **overrides):
    data = {
        "title": event.title,
        "slug": event.slug,
        "event_type": event.event_type,
        "start": "2030-05-01 10:00",
        "end": "2030-05-01 16:00",
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "online_url": "",
        "body": streamfield([]),
        "report": streamfield([]),
        "registration_enabled": "on",
        "audience": "iedereen",
        "capacity": "",
        "registration_opens": "",
        "registration_closes": "",
        "sessions": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, make_user, without_workflow):
    assert client.login(username=make_user(role="Redactie").username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"end": "2030-05-01 09:00"}, "end", "Het einde ligt voor het begin."),
        (
            {"registration_opens": "2030-04-20 09:00", "registration_closes": "2030-04-10 09:00"},
            "registration_closes",
            "Aanmelden sluit voordat het opengaat.",
        ),
        ({"capacity": "-5"}, "capacity", "minstens 0"),
    ],
)
def test_the_cms_says_in_dutch_what_is_wrong(editor_client, make_event, overrides, field, message):
    event = make_event()
    response = editor_client.post(f"/beheer/pages/{event.pk}/edit/", event_form(event, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    event.refresh_from_db()
    assert event.end > event.start
    assert event.capacity is None
