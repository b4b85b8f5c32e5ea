"""The Reisflits as a mail: rendered once per batch, personal links filled in per subscriber."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string

from . import links

UNSUBSCRIBE_MARK = "R2020-UNSUBSCRIBE-URL"
PREFERENCES_MARK = "R2020-PREFERENCES-URL"


def mail_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def issue_context(issue):
    from .models import NewsletterIndexPage

    index = NewsletterIndexPage.objects.live().first()
    return {
        "issue": issue,
        "entries": issue.entries,
        "online_url": issue.full_url if issue.live else None,
        "index_url": index.full_url if index else links.absolute("/"),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "preferences_url": PREFERENCES_MARK,
    }


class IssueMail:
    def __init__(self, issue, test=False):
        self.issue = issue
        context = issue_context(issue)
        context["test"] = test
        self.subject = issue.title
        # Rich text links to pages are relative on the site; a mail needs whole addresses.
        self.html = render_to_string("newsletter/mail/issue.html", context).replace(
            'href="/', f'href="{links.absolute("/")}'
        )
        self.text = render_to_string("newsletter/mail/issue.txt", context)
        self.index_url = context["index_url"]

    def _message(self, to, unsubscribe_url, preferences_url, headers, connection=None):
        def fill(body):
            return body.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(
                PREFERENCES_MARK, preferences_url
            )

        message = EmailMultiAlternatives(
            self.subject, fill(self.text), to=[to], headers=headers, connection=connection
        )
        message.attach_alternative(fill(self.html), "text/html")
        return message

    def message_for(self, subscriber, connection=None):
        unsubscribe_url = links.personal_url(subscriber, links.UNSUBSCRIBE)
        headers = {
            # RFC 8058: a mail client may unsubscribe with one POST, without opening a page.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Reisflitsen <reisflitsen.{mail_domain()}>",
            # The same id on a resend after a crash lets mail stores drop the duplicate.
            "Message-ID": f"<reisflits.{self.issue.pk}.{subscriber.pk}@{mail_domain()}>",
        }
        return self._message(
            subscriber.email,
            unsubscribe_url,
            links.personal_url(subscriber, links.PREFERENCES),
            headers,
            connection,
        )

    def test_message(self, email):
        message = self._message(email, self.index_url, self.index_url, {})
        message.subject = f"[TEST] {self.subject}"
        return message


def render_issue_preview(issue, request):
    return HttpResponse(
        IssueMail(issue, test=True)
        .html.replace(UNSUBSCRIBE_MARK, "#")
        .replace(PREFERENCES_MARK, "#")
    )


def tip_message(*, page_id, recipient, sender_name, note):
    """A fixed text with one link: the page's own address. Plain text, so nothing else links."""
    from wagtail.models import Page

    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return
    page = page.specific
    context = {"page": page, "url": page.full_url, "sender_name": sender_name, "note": note}
    subject = render_to_string("newsletter/mail/tip_subject.txt", context).strip()
    body = render_to_string("newsletter/mail/tip.txt", context)
    EmailMultiAlternatives(" ".join(subject.split()), body, to=[recipient]).send()
