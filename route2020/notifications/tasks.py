"""The mails, sent by the task worker, each once (`send_once`), in the person's language,
each with a one-click unsubscribe for its kind (RFC 8058)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from route2020.operations.once import send_once

from . import links
from .models import Frequency, Kind, Notification, Preference


def _message(user, subject, template, context, kinds):
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        unsubscribe = {kind: links.unsubscribe_url(user, kind) for kind in kinds}
        context = {
            **context,
            "user": user,
            "unsubscribe": [(Kind(kind).label, url) for kind, url in unsubscribe.items()],
            "profile_url": links.absolute(user, "/account/profiel/"),
        }
        body = render_to_string(template, context)
        subject = f"[Route 2020] {subject}"
    first = next(iter(unsubscribe.values()))
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{first}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@task()
def send_notification(notification_id):
    with transaction.atomic():
        item = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if item is None or not item.user.email or not item.user.is_active:
            return False
        language = item.user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = str(Kind(item.kind).label)
        message = _message(
            item.user,
            subject,
            "notifications/mail/notification.txt",
            {"item": item, "url": links.absolute(item.user, item.path)},
            [item.kind],
        )
        send_once(message, "notification", item.pk)
        item.sent_at = timezone.now()
        item.save(update_fields=["sent_at"])
    return True


@task()
def send_digest(user_id, frequency):
    """Everything not sent yet of the kinds this person wants in this digest; nothing when
    there is nothing (no empty mail). The rows are marked sent in the transaction that sends."""
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not user.email:
            return 0
        kinds = list(
            Preference.objects.filter(user=user, frequency=frequency).values_list("kind", flat=True)
        )
        items = list(
            Notification.objects.select_for_update()
            .filter(user=user, kind__in=kinds, sent_at__isnull=True)
            .order_by("kind", "created_at", "pk")
        )
        if not items:
            return 0
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = (
                _("Je dagelijkse overzicht")
                if frequency == Frequency.DAILY
                else _("Je wekelijkse overzicht")
            )
            groups = {}
            for item in items:
                groups.setdefault(str(Kind(item.kind).label), []).append(
                    (item.title, links.absolute(user, item.path))
                )
        message = _message(
            user,
            subject,
            "notifications/mail/digest.txt",
            {"groups": groups},
            sorted({item.kind for item in items}),
        )
        send_once(message, "digest", user.pk, frequency, items[-1].pk)
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(
            sent_at=timezone.now()
        )
    return len(items)
