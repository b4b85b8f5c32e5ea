"""Moderation mails, sent by the task worker. Tasks take ids and read the current state; each
mail is sent once (`send_once`), also when the task runs again after its worker died."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from route2020.operations.once import send_once

from .models import ModerationEvent


def _subject(action):
    subjects = {
        ModerationEvent.Action.SUBMITTED: _("Nieuwe inzending om te beoordelen"),
        ModerationEvent.Action.PUBLISHED: _("Je praktijkvoorbeeld is gepubliceerd"),
        ModerationEvent.Action.RETURNED: _("Je inzending is teruggestuurd met feedback"),
    }
    return subjects[action]


def recipients_by_language(recipients):
    """Each address under the language its person chose; an address without an account
    gets the site's default language."""
    known = dict(
        get_user_model().objects.filter(email__in=recipients).values_list("email", "language")
    )
    grouped = {}
    for address in recipients:
        grouped.setdefault(known.get(address, settings.LANGUAGE_CODE), []).append(address)
    return grouped


@task()
def send_moderation_mail(event_id, recipients):
    event = (
        ModerationEvent.objects.select_related("submission", "actor", "submission__organisation")
        .filter(pk=event_id)
        .first()
    )
    if event is None or not recipients:
        return 0
    submission = event.submission
    site_url = settings.SITE_URL.rstrip("/")
    messages = {}
    for language, addresses in recipients_by_language(recipients).items():
        # Links open the site in the mail's language; the default language has no prefix.
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        context = {"event": event, "submission": submission, "site_url": site_url + prefix}
        with translation.override(language):
            messages[language] = EmailMessage(
                subject=f"[Route 2020] {_subject(event.action)}: {submission.title}",
                body=render_to_string(f"practices/mail/{event.action}.txt", context),
                to=addresses,
            )
    sent = 0
    with get_connection() as connection:
        for language, message in messages.items():
            message.connection = connection
            sent += send_once(message, "moderation", event_id, language)
    return sent
