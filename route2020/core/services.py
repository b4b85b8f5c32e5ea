"""Writes about people that touch more than one table."""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .extensions import app_modules, route2020_labels


def privacy_modules():
    """Each app that stores personal data has a privacy.py with export(user) -> dict."""
    return app_modules("privacy", route2020_labels())


def user_data_export(*, user):
    """Everything the platform holds about one person, as plain data."""
    data = {
        "account": {
            "gebruikersnaam": user.username,
            "e-mail": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "functie": user.job_title,
            "organisatie": str(user.organisation) if user.organisation_id else None,
            "rollen": sorted(user.role_names),
            "taal": user.language,
            "lid sinds": user.date_joined.isoformat(),
            "laatst ingelogd": user.last_login.isoformat() if user.last_login else None,
        },
        "e-mailadressen": list(user.emailaddress_set.values("email", "verified", "primary")),
    }
    for module in privacy_modules():
        data.update(module.export(user))
    return data


def active_language():
    """The active language as one of settings.LANGUAGES ("en-gb" becomes "en")."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def user_language_set(*, user, language):
    """The language the platform mails this person in."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def language_on_login(sender, request, user, **kwargs):
    """allauth's user_logged_in: mails follow the language the person last signed in with
    (/en/account/login/ is English, /account/login/ Dutch)."""
    user_language_set(user=user, language=active_language())


@transaction.atomic
def user_delete(*, user):
    """Delete the account; what the person wrote for an organisation stays, without them.

    An app that must act before its rows go (an event place to hand to the waitlist) has
    `forget(user)` in its privacy.py.
    """
    for module in privacy_modules():
        if hasattr(module, "forget"):
            module.forget(user)
    user.delete()
