"""The Reisflits as a mail: rendered once per batch, personal links filled in per subscriber."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from route2020.operations.once import send_once

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
    """One issue as a mail, rendered once per language (a subscriber's frame, the footer and
    its links, is in their own language; the issue's text is the editors')."""

    def __init__(self, issue, test=False):
        self.issue = issue
        self.test = test
        self.subject = issue.title
        self._rendered = {}
        self.index_url = None

    def rendered(self, language=None):
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if language not in self._rendered:
            with translation.override(language):
                context = issue_context(self.issue)
                context["test"] = self.test
                # Rich text links to pages are relative on the site; a mail needs whole
                # addresses.
                html = render_to_string("newsletter/mail/issue.html", context).replace(
                    'href="/', f'href="{links.absolute("/")}'
                )
                text = render_to_string("newsletter/mail/issue.txt", context)
            self.index_url = context["index_url"]
            self._rendered[language] = (html, text)
        return self._rendered[language]

    @property
    def html(self):
        return self.rendered()[0]

    @property
    def text(self):
        return self.rendered()[1]

    def _message(
        self, to, unsubscribe_url, preferences_url, headers, connection=None, language=None
    ):
        html, text = self.rendered(language)

        def fill(body):
            return body.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(
                PREFERENCES_MARK, preferences_url
            )

        message = EmailMultiAlternatives(
            self.subject, fill(text), to=[to], headers=headers, connection=connection
        )
        message.attach_alternative(fill(html), "text/html")
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
            language=subscriber.language,
        )

    def test_message(self, email, language=None):
        self.rendered(language)
        message = self._message(email, self.index_url, self.index_url, {}, language=language)
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
    send_once(EmailMultiAlternatives(" ".join(subject.split()), body, to=[recipient]), "tip")
