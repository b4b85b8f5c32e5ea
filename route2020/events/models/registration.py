"""Registrations: one person at one event, a visitor's waiting for their email confirmation."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programme import Session

# A visitor who does not click the link in their confirmation mail within this time has to
# register again; `send_event_reminders` (hourly) then removes their name and address.
CONFIRMATION_EXPIRES_HOURS = 48
CONFIRMATION_EXPIRES_AFTER = timedelta(hours=CONFIRMATION_EXPIRES_HOURS)


def unconfirmed_too_long(now=None, prefix=""):
    """The one definition of "expired but not yet marked so": a visitor's registration still
    unconfirmed CONFIRMATION_EXPIRES_AFTER after it was made. `prefix` is the path to the
    registration ("registrations__" from an event)."""
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status": Registration.Status.PENDING,
            f"{prefix}created_at__lte": now - CONFIRMATION_EXPIRES_AFTER,
        }
    )


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def not_expired(self, now=None):
        """What the office lists and counts: not the expired registrations, whose personal data
        the hourly job removed, nor those it has yet to reach."""
        return self.exclude(status=Registration.Status.EXPIRED).exclude(unconfirmed_too_long(now))

    def unconfirmed_too_long(self, now=None):
        """Visitors who did not confirm their address in time: no longer registered."""
        return self.filter(unconfirmed_too_long(now))

    def not_anonymised(self):
        return self.exclude(user__isnull=True, name="", email="", organisation_name="")

    def to_anonymise(self, now=None):
        """Registrations for events that ended more than EVENTS_ANONYMISE_AFTER_DAYS ago and
        still name a person."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.EVENTS_ANONYMISE_AFTER_DAYS)
        return self.filter(event__end__lt=cutoff).not_anonymised()


def new_token():
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    """One person at one event. A visitor's registration waits for their email confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending_email_confirmation", _("Wacht op bevestiging e-mailadres")
        CONFIRMED = "confirmed", _("Aangemeld")
        WAITLISTED = "waitlisted", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")
        EXPIRED = "expired", _("Verlopen (niet bevestigd)")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    # A registration is personal data: it goes when the person deletes their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.CONFIRMED
    )
    sessions = models.ManyToManyField(
        Session, verbose_name=_("sessies"), blank=True, related_name="registrations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    followup_sent_at = models.DateTimeField(_("vervolgmail verstuurd op"), null=True, blank=True)
    # The mails go out in the language the person registered in.
    language = models.CharField(
        _("taal"), max_length=10, choices=settings.LANGUAGES, default="nl", editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(
                    status__in=[
                        "pending_email_confirmation",
                        "confirmed",
                        "waitlisted",
                    ]
                ),
                name="events_one_active_registration_per_user",
            ),
            # An anonymised registration (events.services.registrations_anonymise) keeps its
            # status for the event's counts but has no address left to be unique.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(
                    status__in=[
                        "pending_email_confirmation",
                        "confirmed",
                        "waitlisted",
                    ]
                )
                & ~Q(email=""),
                name="events_one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def is_expired(self):
        """Expired, or pending past the deadline and not yet cleaned up by the hourly job."""
        if self.status == self.Status.EXPIRED:
            return True
        return (
            self.status == self.Status.PENDING
            and self.created_at <= timezone.now() - CONFIRMATION_EXPIRES_AFTER
        )

    def signed_token(self):
        return Signer(salt="events.registration").sign(self.token)

    @classmethod
    def from_signed_token(cls, value):
        """The registration of a personal link, or None for a forged or unknown link."""
        try:
            token = Signer(salt="events.registration").unsign(value)
        except BadSignature:
            return None
        return cls.objects.select_related("event").filter(token=token).first()

    def get_personal_url(self):
        from django.urls import reverse

        return reverse("events:registration", args=[self.signed_token()])
