"""One-click unsubscribe links: a signed token of person and kind, valid without signing in.

Signed (not stored), so a link cannot be guessed or turned into another person's or kind's;
it does not expire, as a mail can be read months later.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "route2020.notifications.unsubscribe"


def token(user, kind):
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read(value):
    """(user id, kind), or None for a token that was not made here."""
    try:
        data = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], data.get("k")


def unsubscribe_url(user, kind):
    with translation.override(user.language or settings.LANGUAGE_CODE):
        path = reverse("notifications:unsubscribe", args=[token(user, kind)])
    return settings.SITE_URL.rstrip("/") + path


def absolute(user, path):
    """A page's path in the person's language: the default language has no prefix."""
    language = user.language or settings.LANGUAGE_CODE
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return settings.SITE_URL.rstrip("/") + prefix + path
