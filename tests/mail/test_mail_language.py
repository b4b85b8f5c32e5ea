"""Every mail is in its recipient's language.

Two halves: (1) no mail template has a word outside {% translate %} / {% blocktranslate %},
so the English catalogue can translate every sentence; (2) each mail is rendered while its
recipient's language is active, whatever the language of the request or worker that sends
it (checked with Django's template_rendered signal, so it holds before the catalogue has
caught up with new sentences).
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.template.base import Lexer, TokenType
from django.test.signals import template_rendered
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "route2020"
MAIL_TEMPLATES = sorted(
    path
    for path in ROOT.glob("**/templates/**/mail/*")
    if path.suffix in {".txt", ".html"} and "admin" not in path.parts
)
# What may stand outside the translate tags: punctuation, list marks, the product's name,
# addresses and paths.
NOT_WORDS = re.compile(r"^[\s\-=*•·:,.()\[\]/|#&;]*(Route 2020)?[\s\-=*•·:,.()\[\]/|#&;]*$")
PATH = re.compile(r"(https?:)?/[\w/.-]*")


def untranslated_text(source):
    """The text of `source` outside every translate tag, tags and variables left out."""
    inside = 0
    parts = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in {"blocktranslate", "blocktrans"}:
                inside += 1
            elif name in {"endblocktranslate", "endblocktrans"}:
                inside -= 1
            parts.append("\n")
        elif token.token_type == TokenType.VAR:
            parts.append("" if not inside else "\n")
        elif token.token_type == TokenType.TEXT:
            parts.append("\n" if inside else token.contents)
    text = re.sub(r"<[^>]*>", "\n", "".join(parts))  # whole HTML tags, attributes and all
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    text = PATH.sub(" ", text)
    return [line.strip() for line in text.splitlines() if not NOT_WORDS.match(line)]


def test_there_are_mail_templates():
    names = {path.name for path in MAIL_TEMPLATES}
    assert {"confirmed.txt", "issue.html", "confirm.txt", "ingediend.txt"} <= names


@pytest.mark.parametrize("path", MAIL_TEMPLATES, ids=lambda path: path.name)
def test_every_sentence_of_a_mail_template_is_marked_for_translation(path):
    assert untranslated_text(path.read_text(encoding="utf-8")) == []


@pytest.fixture
def rendered_languages():
    """(template name, active language) of every template rendered, in order."""
    seen = []

    def record(sender, template, context, **kwargs):
        seen.append((template.name, translation.get_language()))

    template_rendered.connect(record)
    yield seen
    template_rendered.disconnect(record)


def mail_templates_in(seen):
    return {(name, language) for name, language in seen if name and "/mail/" in name}


@pytest.mark.django_db
def test_reisflitsen_mails_follow_the_subscriber(
    client, home, rendered_languages, django_capture_on_commit_callbacks
):
    from route2020.core.pages import child
    from route2020.newsletter.models import NewsletterIndexPage, Subscriber

    child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/reisflitsen/", {"email": "reader@example.org", "name": "Ann"})
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.language == "en"
    assert mail.outbox, "no confirm mail"
    rendered = mail_templates_in(rendered_languages)
    assert rendered and {language for _name, language in rendered} == {"en"}


@pytest.mark.django_db
def test_tip_mail_is_in_the_language_of_the_page_it_was_sent_from(
    client, home, rendered_languages, django_capture_on_commit_callbacks
):
    from route2020.newsletter.tests.test_tip import started

    fields = {
        "recipient": "friend@example.org",
        "sender_name": "Ann",
        "note": "",
        "website": "",
        "started": started(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/tip/?pagina={home.pk}", fields)
    assert len(mail.outbox) == 1
    rendered = mail_templates_in(rendered_languages)
    assert rendered and {language for _name, language in rendered} == {"en"}


@pytest.mark.django_db
def test_reisflits_frame_follows_each_subscriber(home, rendered_languages):
    from route2020.core.pages import child
    from route2020.newsletter import links
    from route2020.newsletter.mail import IssueMail
    from route2020.newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

    index = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    issue = child(index, NewsletterIssuePage, "reisflits-1", title="Reisflits 1")
    dutch, english = (
        Subscriber.objects.create(
            email=f"{code}@example.org",
            status="confirmed",
            language=code,
            link_key=links.new_link_key(),
        )
        for code in ("nl", "en")
    )
    issue_mail = IssueMail(issue)
    with translation.override("nl"):
        assert "Voorkeuren wijzigen" in issue_mail.message_for(dutch).body
        issue_mail.message_for(english)
        issue_mail.message_for(dutch)  # rendered once per language, not per subscriber
    rendered = [item for item in rendered_languages if "/mail/issue" in (item[0] or "")]
    assert sorted(rendered) == sorted(
        [
            (f"newsletter/mail/issue.{kind}", code)
            for kind in ("html", "txt")
            for code in ("nl", "en")
        ]
    )


@pytest.mark.django_db
def test_account_mails_follow_the_persons_language(client, home, make_user, rendered_languages):
    user = make_user(email="reader@example.org", language="en")
    client.post("/account/password/reset/", {"email": user.email})  # the Dutch page
    assert len(mail.outbox) == 1
    rendered = {
        (name, language)
        for name, language in rendered_languages
        if name and name.startswith("account/email/")
    }
    assert rendered and {language for _name, language in rendered} == {"en"}
    assert "Password Reset" in mail.outbox[0].subject or "password" in mail.outbox[0].body.lower()
