"""Registrations: every write that touches capacity happens here, under a lock on the event.

On PostgreSQL the event row is locked with SELECT ... FOR UPDATE, so registrations for one
event are counted and written one after the other; on SQLite the IMMEDIATE transaction mode
(settings) takes the write lock at the start of the transaction and has the same effect.
The mails are queued only after the transaction commits.
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from route2020.core.permissions import confirmed_organisation

from . import tasks
from .models import EventPage, Registration, Session, event_cache_scope
from .permissions import may_register

Status = Registration.Status


class AlreadyRegistered(ValidationError):
    """A second registration (a double submit, or a second tab): the first one stands."""

    def __init__(self, registration):
        super().__init__(_("Je bent al aangemeld voor deze bijeenkomst."), code="duplicate")
        self.registration = registration


def _queue(task, *args):
    transaction.on_commit(partial(task.enqueue, *args))


def _lock_event(event):
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _lock_sessions(event, sessions):
    ids = sorted({session.pk for session in sessions})
    locked = list(
        Session.objects.select_for_update().filter(event=event, pk__in=ids).order_by("pk")
    )
    if len(locked) != len(ids):
        raise ValidationError({"sessions": _("Kies alleen sessies van deze bijeenkomst.")})
    return locked


def _check_overlap(sessions):
    ordered = sorted(sessions, key=lambda session: session.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.overlaps(second):
            raise ValidationError(
                {
                    "sessions": _(
                        "De sessies ‘%(first)s’ en ‘%(second)s’ zijn tegelijk. Kies er één."
                    )
                    % {"first": first.title, "second": second.title}
                }
            )


def _event_is_full(event):
    if event.capacity is None:
        return False
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    return confirmed >= event.capacity


def _full_sessions(sessions, exclude=None):
    """The sessions without a free place, not counting the registration `exclude`."""
    limited = [session for session in sessions if session.capacity is not None]
    if not limited:
        return []
    confirmed = Q(registrations__status=Status.CONFIRMED)
    if exclude is not None:
        confirmed &= ~Q(registrations__pk=exclude.pk)
    counts = dict(
        Session.objects.filter(pk__in=[session.pk for session in limited])
        .annotate(taken=Count("registrations", filter=confirmed))
        .values_list("pk", "taken")
    )
    return [session for session in limited if counts[session.pk] >= session.capacity]


def _check_open(event):
    state = event.registration_state()
    if state == "not-yet":
        raise ValidationError(_("Aanmelden voor deze bijeenkomst kan nog niet."), code="not-yet")
    if state in ("closed", "off"):
        raise ValidationError(_("Aanmelden voor deze bijeenkomst is gesloten."), code="closed")


def _find_active(event, user, email):
    registrations = Registration.objects.active().filter(event=event)
    if user is not None:
        return registrations.filter(Q(user=user) | Q(email__iexact=email)).first()
    return registrations.filter(email__iexact=email).first()


def registration_create(
    *,
    event,
    user=None,
    name="",
    email="",
    organisation_name="",
    sessions=(),
    language=None,
):
    """Register a signed-in person (confirmed or waitlisted at once) or a visitor (pending until
    they click the link in their mail). Refuses closed, members-only, overlapping and full
    sessions with a Dutch message; a second registration raises AlreadyRegistered.
    The mails go out in `language`, by default the language of the current request."""
    language = _mail_language(language or translation.get_language())
    if user is not None and not user.is_authenticated:
        user = None
    if user is not None:
        name = user.get_full_name() or user.email
        email = user.email
        organisation = confirmed_organisation(user)
        organisation_name = organisation.name if organisation else ""
    email = email.strip().lower()
    with transaction.atomic():
        event = _lock_event(event)
        _check_open(event)
        if not may_register(user, event):
            raise ValidationError(
                _("Deze bijeenkomst is alleen voor leden. Log in om je aan te melden."),
                code="members-only",
            )
        sessions = _lock_sessions(event, sessions)
        _check_overlap(sessions)
        # A visitor whose earlier registration expired unconfirmed may simply register again.
        _expire(event=event, email=email)
        existing = _find_active(event, user, email)
        if existing is not None:
            raise AlreadyRegistered(existing)
        if user is None:
            status = Status.PENDING
        elif _event_is_full(event):
            status = Status.WAITLISTED
        else:
            full = _full_sessions(sessions)
            if full:
                raise ValidationError(
                    {"sessions": _("De sessie ‘%(title)s’ is vol.") % {"title": full[0].title}}
                )
            status = Status.CONFIRMED
        registration = Registration(
            event=event,
            user=user,
            name=name,
            email=email,
            organisation_name=organisation_name,
            status=status,
            confirmed_at=timezone.now() if status == Status.CONFIRMED else None,
            language=language,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise AlreadyRegistered(_find_active(event, user, email)) from None
        registration.sessions.set(sessions)
        if status == Status.PENDING:
            _queue(tasks.send_email_confirmation, registration.pk)
        else:
            _queue(tasks.send_registration_mail, registration.pk)
    return registration


@transaction.atomic
def registration_remind(*, registration):
    """Someone registered an address that already has a registration for this event: the
    address gets a mail with its personal link instead of the page saying so."""
    if registration is not None:
        _queue(tasks.send_already_registered, registration.pk)


def _mail_language(language):
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or "").split("-")[0].lower()
    return language if language in codes else settings.LANGUAGE_CODE


class RegistrationExpired(ValidationError):
    def __init__(self):
        super().__init__(
            _("De link om je aanmelding te bevestigen is verlopen. Meld je opnieuw aan."),
            code="expired",
        )


def registration_confirm_email(*, registration):
    """The visitor clicked the link in their mail: now they take a place, or join the
    waitlist when the event or a chosen session filled up in the meantime. After
    CONFIRMATION_EXPIRES_AFTER the link has expired (RegistrationExpired)."""
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_expired:
            raise RegistrationExpired()
        if registration.status != Status.PENDING:
            return registration
        sessions = list(registration.sessions.all())
        if _event_is_full(event) or _full_sessions(sessions):
            registration.status = Status.WAITLISTED
        else:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        _queue(tasks.send_registration_mail, registration.pk)
    return registration


def registration_change_sessions(*, registration, sessions):
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise ValidationError(_("Deze aanmelding is afgemeld en kan niet meer veranderen."))
        if event.is_past:
            raise ValidationError(_("Deze bijeenkomst is al geweest."))
        sessions = _lock_sessions(event, sessions)
        _check_overlap(sessions)
        if registration.status == Status.CONFIRMED:
            current = {session.pk for session in registration.sessions.all()}
            added = [session for session in sessions if session.pk not in current]
            full = _full_sessions(added, exclude=registration)
            if full:
                raise ValidationError(
                    {"sessions": _("De sessie ‘%(title)s’ is vol.") % {"title": full[0].title}}
                )
        registration.sessions.set(sessions)
        _promote_waitlist(event)
    return registration


def registration_cancel(*, registration):
    """Cancel once; a reused cancel link is refused, so it never frees a second place."""
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise ValidationError(_("Deze aanmelding is al afgemeld."), code="cancelled")
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            _promote_waitlist(event)
    return registration


def _promote_waitlist(event):
    """Give freed places to the waitlist in order of registration; someone whose chosen
    session is still full keeps waiting without blocking the people behind them."""
    promoted = []
    for registration in (
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .prefetch_related("sessions")
        .order_by("created_at", "pk")
    ):
        if _event_is_full(event):
            break
        if _full_sessions(list(registration.sessions.all())):
            continue
        registration.status = Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        _queue(tasks.send_waitlist_promotion, registration.pk)
        promoted.append(registration)
    return promoted


def _expire(now=None, **filters):
    """Mark the registrations unconfirmed for too long (matching `filters`) expired and drop
    the visitor's personal data; the row stays (without name or address) so the link in
    their mail can say it has expired. A pending registration never held a place, so nobody
    on the waitlist moves up."""
    expired = list(
        Registration.objects.unconfirmed_too_long(now)
        .filter(**filters)
        .values_list("pk", flat=True)
    )
    if not expired:
        return 0
    Registration.sessions.through.objects.filter(registration_id__in=expired).delete()
    Registration.objects.filter(pk__in=expired).update(
        status=Status.EXPIRED,
        name="",
        email="",
        organisation_name="",
    )
    _registrations_changed(Registration.objects.filter(pk__in=expired))
    return len(expired)


def _registrations_changed(registrations):
    """A bulk update sends no signal: move the events' scopes as a save would (the page
    cache, the kept programme and each member's own registration, EventPage.own_registration)."""
    from route2020.core.cache import invalidate_scope

    for event_id in set(registrations.values_list("event_id", flat=True)):
        invalidate_scope(event_cache_scope(event_id))


def registrations_expire_unconfirmed(*, now=None):
    """The hourly job: every visitor registration still unconfirmed after
    CONFIRMATION_EXPIRES_AFTER expires and loses its personal data."""
    with transaction.atomic():
        return _expire(now)


def registrations_anonymise(*, registrations):
    """Take the person out of these registrations: name, address, organisation and account
    go; status and sessions stay, so the event's and sessions' counts remain right. Returns
    how many. Active registrations for events still to come are cancelled first (by the
    caller), so that their place goes to the waitlist."""
    with transaction.atomic():
        ids = list(registrations.not_anonymised().values_list("pk", flat=True))
        Registration.objects.filter(pk__in=ids).update(
            user=None, name="", email="", organisation_name=""
        )
        _registrations_changed(Registration.objects.filter(pk__in=ids))
    return len(ids)


def registrations_anonymise_past(*, now=None):
    """The daily job: registrations for events that ended EVENTS_ANONYMISE_AFTER_DAYS ago."""
    return registrations_anonymise(registrations=Registration.objects.to_anonymise(now))


def registrants_mail(*, event, subject, body, sender=None):
    """The office writes to everyone registered (confirmed and waitlisted); queued, one mail
    per person so nobody sees the other addresses."""
    count = Registration.objects.filter(
        event=event, status__in=[Status.CONFIRMED, Status.WAITLISTED]
    ).count()
    with transaction.atomic():
        _queue(tasks.send_registrants_mail, event.pk, subject, body)
    return count
