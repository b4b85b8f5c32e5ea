"""A task that runs again (its worker died) repeats none of the mails its first run sent."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from route2020.operations import once
from route2020.operations.models import TaskMark
from route2020.operations.once import current_task_id, send_once


def run_as_task(task_id, function):
    """Run `function` as the task with this id would (what our receivers of the backends'
    task_started and task_finished signals do)."""
    result = SimpleNamespace(id=task_id)
    once._task_started(sender=None, task_result=result)
    try:
        return function()
    finally:
        once._task_finished(sender=None, task_result=result)


def message():
    return EmailMessage("Bevestig je aanmelding", "Klik op de link.", to=["anna@bieb.example"])


@pytest.mark.django_db
def test_the_second_run_of_a_task_sends_nothing_again():
    assert run_as_task("taak-1", lambda: send_once(message(), "bevestiging", 7)) is True
    assert run_as_task("taak-1", lambda: send_once(message(), "bevestiging", 7)) is False
    assert len(mail.outbox) == 1
    # Another task (a new registration, a new request for the mail) sends its own.
    assert run_as_task("taak-2", lambda: send_once(message(), "bevestiging", 7)) is True
    assert len(mail.outbox) == 2
    assert current_task_id() is None


@pytest.mark.django_db
def test_a_resend_has_the_same_message_id():
    run_as_task("taak-3", lambda: send_once(message(), "bevestiging"))
    TaskMark.objects.all().delete()  # as if the first run died after the mail server took it
    run_as_task("taak-3", lambda: send_once(message(), "bevestiging"))
    first, second = (sent.extra_headers["Message-ID"] for sent in mail.outbox)
    assert first == second


@pytest.mark.django_db
def test_a_failed_send_leaves_no_mark_so_the_next_run_sends_it(settings):
    settings.EMAIL_BACKEND = "route2020.newsletter.tests.backends.FlakyBackend"
    from route2020.newsletter.tests.backends import FlakyBackend

    FlakyBackend.failing = {"anna@bieb.example"}
    FlakyBackend.failures_left = {"anna@bieb.example": 1}
    with pytest.raises(ConnectionError):
        run_as_task("taak-4", lambda: send_once(message(), "bevestiging"))
    assert not TaskMark.objects.exists()
    assert run_as_task("taak-4", lambda: send_once(message(), "bevestiging")) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_outside_a_task_every_call_sends():
    send_once(message(), "bevestiging")
    send_once(message(), "bevestiging")
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_an_event_mail_task_run_twice_sends_once(make_user, home):
    """The registration mail, as a task run again after its worker died."""
    from route2020.core.pages import child
    from route2020.events import tasks
    from route2020.events.models import EventIndexPage, EventPage, Registration

    index = child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten")
    start = timezone.now() + timedelta(days=3)
    event = EventPage(
        title="ALV", slug="alv", start=start, end=start + timedelta(hours=2), venue_name="Ede"
    )
    index.add_child(instance=event)
    user = make_user(email="lid@bieb.example")
    registration = Registration.objects.create(
        event=event,
        user=user,
        name="Lid",
        email=user.email,
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    for _ in range(2):
        run_as_task("taak-5", lambda: tasks.send_registration_mail.call(registration.pk))
    assert len(mail.outbox) == 1
    assert "ALV" in mail.outbox[0].subject
