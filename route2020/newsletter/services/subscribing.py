"""Subscribing: sign up, confirm, change preferences, unsubscribe, purge the unconfirmed."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from route2020.core.ratelimit import over_limit

from .. import links
from ..conf import setting
from ..models import Delivery, Subscriber


def _mail_allowed(email):
    """At most a few mails an hour to one address, so the form cannot be used to flood it."""
    return not over_limit(
        f"newsletter:signup-mail:{email.lower()}", setting("SIGNUP_MAILS_PER_HOUR", 3), 60 * 60
    )


@transaction.atomic
def subscribe(*, email, name="", organisation="", themes=(), language=None):
    """Start or restart a subscription. The caller shows the same answer whatever happens here.

    A confirmed address is left as it is (a stranger must not change someone's choices) and
    gets a mail with their preferences link; anyone else gets a confirm link. Choices typed
    into the form are kept only until the address is confirmed or the link expires.
    """
    from .. import tasks

    email = email.strip()
    languages = dict(settings.LANGUAGES)
    language = language if language in languages else settings.LANGUAGE_CODE
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email, name=name, organisation=organisation, language=language
                )
        except IntegrityError:  # the same address signed up at the same moment
            return Subscriber.objects.get(email__iexact=email)
        subscriber.themes.set(themes)
        kind = "confirm"
    elif subscriber.status == Subscriber.Status.CONFIRMED:
        kind = "already"
    else:
        subscriber.status = Subscriber.Status.PENDING
        subscriber.name, subscriber.organisation = name, organisation
        subscriber.language = language
        subscriber.created_at = timezone.now()
        subscriber.save(update_fields=["status", "name", "organisation", "language", "created_at"])
        subscriber.themes.set(themes)
        kind = "confirm"
    if _mail_allowed(email):
        transaction.on_commit(
            lambda: tasks.send_subscription_mail.enqueue(subscriber_id=subscriber.pk, kind=kind)
        )
    return subscriber


@transaction.atomic
def confirm(*, subscriber):
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return subscriber


@transaction.atomic
def update_preferences(*, subscriber, name, organisation, themes):
    subscriber.name, subscriber.organisation = name, organisation
    subscriber.save(update_fields=["name", "organisation"])
    subscriber.themes.set(themes)
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber):
    """Stop sending and forget everything but the address and the dates (proof of the choice).

    Idempotent: mail clients may post the one-click request more than once. Queued
    deliveries for an issue being sent are skipped, not sent.
    """
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.name = subscriber.organisation = ""
        subscriber.save(update_fields=["status", "unsubscribed_at", "name", "organisation"])
        subscriber.themes.clear()
        Delivery.objects.filter(
            subscriber=subscriber, status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED]
        ).update(status=Delivery.Status.SKIPPED, claim="")
    return subscriber


def purge_unconfirmed():
    """Sign-ups never confirmed are deleted once their confirm link has expired."""
    cutoff = timezone.now() - timedelta(seconds=setting("CONFIRM_MAX_AGE", links.CONFIRM_MAX_AGE))
    deleted, _ = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted
