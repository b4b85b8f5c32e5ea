"""Background work: mails to subscribers and the batches of an issue being sent.

Each task may run again after its worker died (route2020.operations.recovery): single mails
go through `send_once`, and a batch takes back the rows an earlier run of it had claimed.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from route2020.operations.once import current_task_id, send_once

from . import links, services
from .models import NewsletterIssuePage, Subscriber


@task()
def send_issue_batch(issue_id):
    return services.send_batch(issue_id=issue_id, run_id=current_task_id())


@task()
def start_scheduled_issue(issue_id):
    dispatch = services.start_if_due(issue_id=issue_id)
    return {"started": dispatch is not None}


@task()
def send_subscription_mail(subscriber_id, kind):
    """The confirm mail, or for an address already on the list a mail with its own links."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    context = {
        "subscriber": subscriber,
        "confirm_url": links.personal_url(subscriber, links.CONFIRM),
        "preferences_url": links.personal_url(subscriber, links.PREFERENCES),
        "unsubscribe_url": links.personal_url(subscriber, links.UNSUBSCRIBE),
    }
    template = "confirm" if kind == "confirm" else "already_subscribed"
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"newsletter/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"newsletter/mail/{template}.txt", context)
    send_once(EmailMultiAlternatives(subject, body, to=[subscriber.email]), "subscription")


@task()
def send_test_issue(issue_id, email, language=None):
    from .mail import IssueMail

    issue = NewsletterIssuePage.objects.get(pk=issue_id).get_latest_revision_as_object()
    send_once(IssueMail(issue, test=True).test_message(email, language=language), "test-issue")


@task()
def send_tip(page_id, recipient, sender_name, note, language=None):
    """In the language of the page the tip was sent from: the sender's choice for a friend
    the site does not know."""
    from .mail import tip_message

    with translation.override(language or settings.LANGUAGE_CODE):
        tip_message(page_id=page_id, recipient=recipient, sender_name=sender_name, note=note)
