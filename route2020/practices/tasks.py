"""Moderation mails, sent by the task worker. Tasks take ids and read the current state."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task

from .models import ModerationEvent


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
    context = {
        "event": event,
        "submission": submission,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    subjects = {
        ModerationEvent.Action.SUBMITTED: "Nieuwe inzending om te beoordelen",
        ModerationEvent.Action.PUBLISHED: "Uw praktijkvoorbeeld is gepubliceerd",
        ModerationEvent.Action.RETURNED: "Uw inzending is teruggestuurd met feedback",
    }
    message = EmailMessage(
        subject=f"[Route 2020] {subjects[event.action]}: {submission.title}",
        body=render_to_string(f"practices/mail/{event.action}.txt", context),
        to=recipients,
    )
    return message.send()
