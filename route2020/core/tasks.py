"""Mails about membership of an organisation, sent by the task worker.

Tasks take ids and read the current state; each person gets the mail in their own language.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import roles
from .models import MembershipRequest


def _site_url(language, path):
    """An absolute link in the mail's language (the default language has no prefix)."""
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse(path)


def deciders_of(membership):
    """The regiogidsen of the organisation's province; the office where there is none."""
    User = get_user_model()
    active = User.objects.filter(is_active=True).exclude(pk=membership.user_id)
    province_id = membership.organisation.province_id
    guides = active.filter(groups__name=roles.GUIDE, provinces=province_id) if province_id else None
    if guides is not None and guides.exists():
        return guides
    return active.filter(groups__name=roles.EDITOR)


@task()
def send_membership_requested_mail(request_id):
    membership = (
        MembershipRequest.objects.select_related("user", "organisation")
        .filter(pk=request_id, state=MembershipRequest.State.PENDING)
        .first()
    )
    if membership is None:
        return 0
    grouped = {}
    for email, language in deciders_of(membership).values_list("email", "language").distinct():
        if email:
            grouped.setdefault(language or settings.LANGUAGE_CODE, []).append(email)
    messages = []
    for language, addresses in grouped.items():
        with translation.override(language):
            context = {"membership": membership, "url": _site_url(language, "membership-queue")}
            # Outside the f-string: makemessages does not look into one.
            subject = _("Lidmaatschap om te bevestigen")
            messages.append(
                EmailMessage(
                    subject=f"[Route 2020] {subject}: {membership.organisation.name}",
                    body=render_to_string("core/mail/membership_requested.txt", context),
                    to=sorted(addresses),
                )
            )
    return get_connection().send_messages(messages)


@task()
def send_membership_decision_mail(request_id):
    membership = (
        MembershipRequest.objects.select_related("user", "organisation")
        .filter(
            pk=request_id,
            state__in=[MembershipRequest.State.CONFIRMED, MembershipRequest.State.DECLINED],
        )
        .first()
    )
    if membership is None or not membership.user.email:
        return 0
    language = membership.user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        confirmed = membership.state == MembershipRequest.State.CONFIRMED
        subject = _("Je lidmaatschap is bevestigd") if confirmed else _("Je aanvraag is afgewezen")
        context = {"membership": membership, "url": _site_url(language, "profile")}
        template = "confirmed" if confirmed else "declined"
        message = EmailMessage(
            subject=f"[Route 2020] {subject}: {membership.organisation.name}",
            body=render_to_string(f"core/mail/membership_{template}.txt", context),
            to=[membership.user.email],
        )
    return get_connection().send_messages([message])
