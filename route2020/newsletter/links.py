"""Personal links for subscribers: signed, so nothing secret has to be stored to check them.

A link carries the subscriber's id and their `link_key`, signed with SECRET_KEY and a salt per
purpose (a confirm link cannot be used as an unsubscribe link). Changing `link_key` voids
every earlier link of that person. Unsubscribe and preference links do not expire: they sit
in mails people keep. Confirm links do.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM = "confirm"
PREFERENCES = "preferences"
UNSUBSCRIBE = "unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


def new_link_key():
    return secrets.token_urlsafe(16)


def make_token(subscriber, purpose):
    return signing.dumps(
        [subscriber.pk, subscriber.link_key], salt=f"route2020.newsletter.{purpose}"
    )


def subscriber_for(token, purpose):
    """The subscriber a link belongs to, or None when it is forged, voided or expired."""
    from .models import Subscriber

    max_age = getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", CONFIRM_MAX_AGE)
    try:
        pk, key = signing.loads(
            token,
            salt=f"route2020.newsletter.{purpose}",
            max_age=max_age if purpose == CONFIRM else None,
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(pk=pk, link_key=key).first()


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def personal_url(subscriber, purpose):
    names = {CONFIRM: "confirm", PREFERENCES: "preferences", UNSUBSCRIBE: "unsubscribe"}
    return absolute(reverse(f"newsletter:{names[purpose]}", args=[make_token(subscriber, purpose)]))
