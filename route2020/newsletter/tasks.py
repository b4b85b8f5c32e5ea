"""Background work: mails to subscribers and the batches of an issue being sent."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from . import links, services
from .models import NewsletterIssuePage, Subscriber


@task()
def send_issue_batch(issue_id):
    return services.send_batch(issue_id=issue_id)


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
    subject = render_to_string(f"newsletter/mail/{template}_subject.txt", context).strip()
    body = render_to_string(f"newsletter/mail/{template}.txt", context)
    EmailMultiAlternatives(subject, body, to=[subscriber.email]).send()


@task()
def send_test_issue(issue_id, email):
    from .mail import IssueMail

    issue = NewsletterIssuePage.objects.get(pk=issue_id).get_latest_revision_as_object()
    IssueMail(issue, test=True).test_message(email).send()


@task()
def send_tip(page_id, recipient, sender_name, note):
    from .mail import tip_message

    tip_message(page_id=page_id, recipient=recipient, sender_name=sender_name, note=note)
