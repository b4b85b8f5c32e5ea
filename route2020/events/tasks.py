"""Mails about events, sent by the task worker. Every task takes ids and reads the current
state, so a mail queued just before a cancellation does not announce a stale place. Every
mail is sent once (`send_once`, or a sent-at field set in the mail's own transaction), so a
task run again after its worker died repeats none of them."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from route2020.operations.once import send_once

from .calendars import event_calendar
from .models import CONFIRMATION_EXPIRES_HOURS, Registration, Session

Status = Registration.Status
FOLLOWUP_AFTER = timedelta(days=91)
# A follow-up for an event that ended long ago is no longer useful; skip older events.
FOLLOWUP_WINDOW = timedelta(days=60)


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _send(registration, template, subject, attach_ics=False, **extra):
    """Subject and body in the language the person registered in. A lazy `subject` is
    translated here and gets the event's title as %(title)s; a plain one (the office's own
    mail) is sent as it is."""
    event = registration.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        if isinstance(subject, Promise):
            subject = str(subject) % {"title": event.title}
        event_url = event.get_full_url()
        context = {
            "registration": registration,
            "event": event,
            "event_url": event_url,
            "personal_url": absolute(registration.get_personal_url()),
            **extra,
        }
        message = EmailMessage(
            subject=f"[Route 2020] {subject}",
            body=render_to_string(f"events/mail/{template}.txt", context),
            to=[registration.email],
        )
        if attach_ics:
            message.attach(f"{event.slug}.ics", event_calendar(event, event_url), "text/calendar")
    send_once(message, template, registration.pk)


def _registration(registration_id):
    return (
        Registration.objects.select_related("event")
        .prefetch_related("sessions")
        .filter(pk=registration_id)
        .first()
    )


@task()
def send_email_confirmation(registration_id):
    registration = _registration(registration_id)
    if registration is None or registration.status != Status.PENDING:
        return
    confirm_url = absolute(registration.get_personal_url() + "bevestigen/")
    _send(
        registration,
        "confirm_email",
        _("Bevestig je aanmelding: %(title)s"),
        confirm_url=confirm_url,
        expires_hours=CONFIRMATION_EXPIRES_HOURS,
    )


@task()
def send_registration_mail(registration_id):
    registration = _registration(registration_id)
    if registration is None:
        return
    if registration.status == Status.CONFIRMED:
        _send(
            registration,
            "confirmed",
            _("Je bent aangemeld: %(title)s"),
            attach_ics=True,
        )
    elif registration.status == Status.WAITLISTED:
        _send(
            registration,
            "waitlisted",
            _("Op de wachtlijst: %(title)s"),
        )


@task()
def send_already_registered(registration_id):
    """The answer to a second registration of the same address, sent to that address only."""
    registration = _registration(registration_id)
    if registration is None or not registration.is_active:
        return
    if registration.status == Status.PENDING:
        # Not confirmed yet: the confirmation link again, as for a new registration.
        send_email_confirmation.call(registration_id)
        return
    _send(registration, "already_registered", _("Je was al aangemeld: %(title)s"))


@task()
def send_waitlist_promotion(registration_id):
    registration = _registration(registration_id)
    if registration is None or registration.status != Status.CONFIRMED:
        return
    _send(
        registration,
        "promoted",
        _("Er is een plaats vrij: %(title)s"),
        attach_ics=True,
    )


@task()
def send_registrants_mail(event_id, subject, body):
    registrations = Registration.objects.select_related("event").filter(
        event_id=event_id, status__in=[Status.CONFIRMED, Status.WAITLISTED]
    )
    for registration in registrations:
        # Written by the office in one language; only the footer follows the registrant's.
        _send(registration, "office", subject, body=body)


def _claim(registration, field):
    """Mark a mail as sent; called in the transaction that sends it, so the mark and the
    mail go together, and two workers never both win the same row."""
    return (
        Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
        == 1
    )


@task()
def expire_unconfirmed_registrations():
    """Hourly, with the reminders: visitors who did not confirm in time lose their place in
    the queue for confirmation and their personal data."""
    from .services import registrations_expire_unconfirmed

    return registrations_expire_unconfirmed()


@task()
def anonymise_past_registrations():
    """Daily: registrations for events long past keep their counts, not the person."""
    from .services import registrations_anonymise_past

    return registrations_anonymise_past()


@task()
def send_event_reminders():
    """Reminders for events starting within the next 24 hours; each registration gets one."""
    now = timezone.now()
    # The mail lists the person's sessions (mail/_event.txt): fetched for all at once.
    due = (
        Registration.objects.select_related("event")
        .prefetch_related("sessions")
        .filter(
            status=Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__live=True,
            event__start__gt=now,
            event__start__lte=now + timedelta(days=1),
        )
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            if not _claim(registration, "reminder_sent_at"):
                continue
            _send(
                registration,
                "reminder",
                _("Morgen: %(title)s"),
                attach_ics=True,
            )
        sent += 1
    return sent


@task()
def send_practice_followups():
    """Three months after an event, ask participants of sessions that presented practices
    whether they applied one; "ja" goes straight to recording an adoption (#overname)."""
    now = timezone.now()
    due = (
        Registration.objects.select_related("event")
        .exclude(email="")  # anonymised
        .filter(
            status=Status.CONFIRMED,
            followup_sent_at__isnull=True,
            event__end__lte=now - FOLLOWUP_AFTER,
            event__end__gt=now - FOLLOWUP_AFTER - FOLLOWUP_WINDOW,
            sessions__practices__isnull=False,
        )
        .distinct()
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.prefetch_related("practices"))
        )
    )
    sent = 0
    for registration in due:
        practices = {}
        for session in registration.sessions.all():
            for practice in session.practices.all():
                if practice.live:
                    practices[practice.pk] = practice
        if not practices:
            continue
        links = [
            (practice.title, practice.get_full_url() + "#overname")
            for practice in sorted(practices.values(), key=lambda page: page.title)
        ]
        with transaction.atomic():
            if not _claim(registration, "followup_sent_at"):
                continue
            _send(
                registration,
                "followup",
                _("Heb je iets toegepast van %(title)s?"),
                practice_links=links,
            )
        sent += 1
    return sent
