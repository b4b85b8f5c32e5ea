"""Reminder the day before and the follow-up three months later: each sent once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from route2020.core.models import ContentPage
from route2020.core.pages import child
from route2020.events import services
from route2020.events.models import Registration
from route2020.events.tasks import send_event_reminders, send_practice_followups


@pytest.mark.django_db
def test_reminder_is_sent_the_day_before_and_only_once(make_event, make_user, mailoutbox):
    tomorrow = make_event(title="Morgen", start=timezone.now() + timedelta(hours=20))
    later = make_event(title="Volgende week", start=timezone.now() + timedelta(days=7))
    registration = services.registration_create(event=tomorrow, user=make_user())
    services.registration_create(event=later, user=make_user())
    cancelled = services.registration_create(event=tomorrow, user=make_user())
    services.registration_cancel(registration=cancelled)
    mailoutbox.clear()
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))
    assert [mail.to for mail in mailoutbox] == [[registration.email]]
    assert "Morgen" in mailoutbox[0].subject and mailoutbox[0].attachments
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None
    assert send_event_reminders.call() == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_followup_asks_about_presented_practices_once(home, make_event, make_user, mailoutbox):
    practice = child(home, ContentPage, "taalhuis", title="Taalhuis in de bibliotheek")
    event = make_event(
        title="Delen maakt je rijker",
        sessions=[("Parel: Taalhuis", 1, 1, None), ("Zonder praktijk", 3, 1, None)],
    )
    with_practice, without = event.sessions.order_by("start")
    with_practice.practices.add(practice)
    with_practice.save()
    attendee = services.registration_create(event=event, user=make_user(), sessions=[with_practice])
    services.registration_create(event=event, user=make_user(), sessions=[without])
    EventPage = type(event)
    EventPage.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(days=95), end=timezone.now() - timedelta(days=95)
    )
    mailoutbox.clear()
    assert send_practice_followups.call() == 1
    (mail,) = mailoutbox
    assert mail.to == [attendee.email]
    assert "Taalhuis in de bibliotheek" in mail.body
    assert practice.get_full_url() + "#overname" in mail.body
    assert send_practice_followups.call() == 0
    assert len(mailoutbox) == 1
    assert Registration.objects.get(pk=attendee.pk).followup_sent_at is not None


@pytest.mark.django_db
def test_no_followup_before_three_months(home, make_event, make_user, mailoutbox):
    practice = child(home, ContentPage, "taalhuis", title="Taalhuis")
    event = make_event(sessions=[("Parel", 1, 1, None)])
    session = event.sessions.get()
    session.practices.add(practice)
    session.save()
    services.registration_create(event=event, user=make_user(), sessions=[session])
    type(event).objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(days=30), end=timezone.now() - timedelta(days=30)
    )
    mailoutbox.clear()
    assert send_practice_followups.call() == 0
    assert not mailoutbox


@pytest.mark.django_db
def test_reminders_read_the_sessions_of_all_registrations_at_once(
    make_event, make_user, mailoutbox
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event(
        title="Morgen", start=timezone.now() + timedelta(hours=20), sessions=[("Parel", 1, 1, None)]
    )
    session = event.sessions.get()
    for _number in range(3):
        services.registration_create(event=event, user=make_user(), sessions=[session])
    mailoutbox.clear()
    with CaptureQueriesContext(connection) as queries:
        assert send_event_reminders.call() == 3
    session_reads = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and "events_registration_sessions" in query["sql"]
    ]
    assert len(session_reads) == 1
    assert all("Parel" in mail.body for mail in mailoutbox)
