"""Every mail sent to an English-speaking person is English: no Dutch sentence in it.

Each mail of the platform is sent for real (its task, with the data it reads) to someone whose
language is English, with data that is itself English (titles, names, notes), and its subject
and every body (plain text and HTML) are searched for Dutch words. A last test checks that the
mails sent here use every mail template there is, so a new mail cannot go untested.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test.signals import template_rendered
from django.utils import timezone, translation

from .test_mail_language import MAIL_TEMPLATES

pytestmark = pytest.mark.django_db

# Words that are common in Dutch sentences and are not English words; a Dutch month or day
# name betrays a date that was not localised.
DUTCH_WORDS = set(
    """
    de het een en van voor niet bij op met naar je jij jouw jullie uw wordt zijn heeft hebt
    deze dit aan ook wat hier kun kunt nog als maar om te wij ons onze graag beste groet
    vriendelijke bekijk aanmelding aangemeld aanmelden afmelden bijeenkomst bijeenkomsten
    praktijkvoorbeeld praktijkvoorbeelden inzending lidmaatschap bevestig bevestigen morgen
    wachtlijst plaats vrij gepubliceerd teruggestuurd aanvraag afgewezen namens dank delen
    waar wanneer sessies meer informatie nieuwsbrief ontvang ontvangt krijgt gedaan dag dagen
    wachtwoord inloggen
    januari februari maart mei juni juli augustus oktober
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """.split()
)
URL = re.compile(r"(https?://|/)\S*")


def dutch_lines(text):
    """The lines of `text` (tags and addresses left out) that contain a Dutch word."""
    text = re.sub(r"<[^>]*>", "\n", text)
    found = []
    for line in text.splitlines():
        words = set(re.findall(r"[a-zà-ÿ']+", URL.sub(" ", line).lower()))
        if words & DUTCH_WORDS:
            found.append((line.strip(), sorted(words & DUTCH_WORDS)))
    return found


def assert_english(message):
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    found = [line for part in parts for line in dutch_lines(part)]
    assert found == [], f"Dutch in the mail ‘{message.subject}’ to {message.to}: {found}"


def test_the_detector_finds_dutch_and_passes_english():
    assert dutch_lines("Beste Vera,\n\nJe bent aangemeld voor de bijeenkomst.")
    assert dutch_lines("When: 3 maart 2027")
    assert not dutch_lines("Dear Vera,\n\nYou are registered: https://x.example/en/bijeenkomsten/")


# --- the data: English people and English content ---------------------------------------


@pytest.fixture
def world(home, make_user, make_organisation, settings):
    """An English reader, an English-speaking regional guide, an event and a practice."""
    from route2020.core import roles
    from route2020.core.models import ContentPage
    from route2020.core.pages import child
    from route2020.events.models import EventIndexPage, EventPage, Session

    settings.SITE_URL = "https://route2020.example"
    library = make_organisation(name="Zwolle Library", province_code="PV23")
    reader = make_user(
        organisation=library,
        email="reader@example.org",
        first_name="Vera",
        last_name="Reader",
        language="en",
    )
    guide = make_user(
        role=roles.GUIDE,
        organisation=None,
        provinces=["PV23"],
        email="guide@example.org",
        first_name="Gail",
        last_name="Guide",
        language="en",
    )
    events = child(home, EventIndexPage, "bijeenkomsten", title="Events")
    start = timezone.now() + timedelta(days=10)
    event = EventPage(
        title="Sharing day",
        slug="sharing-day",
        start=start,
        end=start + timedelta(hours=6),
        venue_name="Cultura",
        venue_address="Molenstraat 45, Ede",
    )
    event.sessions.add(
        Session(title="Reading café", start=start, end=start + timedelta(hours=1), room="Hall")
    )
    events.add_child(instance=event)
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    practice = child(home, ContentPage, "reading-cafe", title="Reading café for newcomers")
    return {"reader": reader, "guide": guide, "library": library, "event": event,
            "practice": practice}  # fmt: skip


def registration(world, status, **fields):
    from route2020.events.models import Registration

    registration = Registration.objects.create(
        event=world["event"],
        user=world["reader"],
        name="Vera Reader",
        email=world["reader"].email,
        status=status,
        language="en",
        **fields,
    )
    registration.sessions.set(world["event"].sessions.all())
    return registration


# --- one function per mail: it sends the mail to the English reader (or guide) -------------


def event_confirm_email(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    tasks.send_email_confirmation.call(registration(world, Registration.Status.PENDING).pk)


def event_confirmed(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    tasks.send_registration_mail.call(registration(world, Registration.Status.CONFIRMED).pk)


def event_waitlisted(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    tasks.send_registration_mail.call(registration(world, Registration.Status.WAITLISTED).pk)


def event_already_registered(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    tasks.send_already_registered.call(registration(world, Registration.Status.CONFIRMED).pk)


def event_promoted(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    tasks.send_waitlist_promotion.call(registration(world, Registration.Status.CONFIRMED).pk)


def event_office_mail(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    registration(world, Registration.Status.CONFIRMED)
    tasks.send_registrants_mail.call(
        world["event"].pk, "Change of room", "The reading café moves to the second floor."
    )


def event_reminder(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    event = world["event"]
    type(event).objects.filter(pk=event.pk).update(
        start=timezone.now() + timedelta(hours=20), end=timezone.now() + timedelta(hours=26)
    )
    registration(world, Registration.Status.CONFIRMED)
    assert tasks.send_event_reminders.call() == 1


def event_followup(world):
    from route2020.events import tasks
    from route2020.events.models import Registration

    event = world["event"]
    session = event.sessions.get()
    session.practices.add(world["practice"])
    session.save()
    past = timezone.now() - timedelta(days=95)
    type(event).objects.filter(pk=event.pk).update(start=past, end=past + timedelta(hours=6))
    registration(world, Registration.Status.CONFIRMED)
    assert tasks.send_practice_followups.call() == 1


def membership(world, state, reason=""):
    from route2020.core.models import MembershipRequest

    return MembershipRequest.objects.create(
        user=world["reader"], organisation=world["library"], state=state, reason=reason
    )


def membership_requested(world):
    from route2020.core import tasks
    from route2020.core.models import MembershipRequest

    request = membership(world, MembershipRequest.State.PENDING)
    assert tasks.send_membership_requested_mail.call(request.pk) == 1


def membership_confirmed(world):
    from route2020.core import tasks
    from route2020.core.models import MembershipRequest

    request = membership(world, MembershipRequest.State.CONFIRMED)
    assert tasks.send_membership_decision_mail.call(request.pk) == 1


def membership_declined(world):
    from route2020.core import tasks
    from route2020.core.models import MembershipRequest

    request = membership(
        world, MembershipRequest.State.DECLINED, reason="That address is not the library's."
    )
    assert tasks.send_membership_decision_mail.call(request.pk) == 1


def moderation(world, action, recipient, **fields):
    from route2020.practices import tasks
    from route2020.practices.models import ModerationEvent, Submission

    submission = Submission.objects.create(
        author=world["reader"],
        organisation=world["library"],
        province=world["library"].province,
        data={"basis": {"title": "Reading café for newcomers"}},
        state=Submission.State.SUBMITTED,
    )
    event = ModerationEvent.objects.create(submission=submission, action=action, **fields)
    assert tasks.send_moderation_mail.call(event.pk, [recipient.email]) == 1


def practice_submitted(world):
    from route2020.practices.models import ModerationEvent

    moderation(world, ModerationEvent.Action.SUBMITTED, world["guide"])


def practice_published(world):
    from route2020.practices.models import ModerationEvent

    moderation(world, ModerationEvent.Action.PUBLISHED, world["reader"], actor=world["guide"])


def practice_returned(world):
    from route2020.practices.models import ModerationEvent

    moderation(
        world,
        ModerationEvent.Action.RETURNED,
        world["reader"],
        actor=world["guide"],
        note="Please add the cost per participant.",
    )


def subscriber(status):
    from route2020.newsletter import links
    from route2020.newsletter.models import Subscriber

    return Subscriber.objects.create(
        email="reader@example.org", status=status, language="en", link_key=links.new_link_key()
    )


def newsletter_confirm(world):
    from route2020.newsletter import tasks
    from route2020.newsletter.models import Subscriber

    tasks.send_subscription_mail.call(subscriber(Subscriber.Status.PENDING).pk, "confirm")


def newsletter_already_subscribed(world):
    from route2020.newsletter import tasks
    from route2020.newsletter.models import Subscriber

    tasks.send_subscription_mail.call(subscriber(Subscriber.Status.CONFIRMED).pk, "already")


def issue(world):
    from route2020.core.pages import child
    from route2020.newsletter.models import NewsletterIndexPage, NewsletterIssuePage

    index = child(world["event"].get_parent().get_parent(), NewsletterIndexPage, "reisflitsen",
                  title="Reisflitsen")  # fmt: skip
    return child(index, NewsletterIssuePage, "reisflits-1", title="Reisflits November",
                 intro="What happened this month.")  # fmt: skip


def newsletter_issue(world):
    from route2020.newsletter.mail import IssueMail
    from route2020.newsletter.models import Subscriber

    with translation.override("nl"):  # a worker in Dutch
        IssueMail(issue(world)).message_for(subscriber(Subscriber.Status.CONFIRMED)).send()


def newsletter_test_issue(world):
    from route2020.newsletter import tasks

    tasks.send_test_issue.call(issue(world).pk, "reader@example.org", language="en")


def newsletter_tip(world):
    from route2020.newsletter import tasks

    tasks.send_tip.call(
        world["practice"].pk, "friend@example.org", "Ann", "Have a look at this!", language="en"
    )


def account_password_reset(world, client=None):
    from django.test import Client

    (client or Client()).post("/account/password/reset/", {"email": world["reader"].email})


def account_signup_verification(world):
    from django.test import Client

    response = Client().post(
        "/en/account/signup/",
        {
            "email": "new.reader@example.org",
            "password1": "a-long-password-for-42",
            "password2": "a-long-password-for-42",
            "first_name": "Nora",
            "last_name": "New",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def notification(world, kind, frequency):
    from route2020.notifications.models import Notification, Preference

    Preference.objects.update_or_create(
        user=world["reader"], kind=kind, defaults={"frequency": frequency}
    )
    return Notification.objects.create(
        user=world["reader"],
        kind=kind,
        key=f"test:{kind}",
        title="Zwolle Library: who has started a reading café?",
        path="/vragen/reading-cafe/",
    )


def notification_instant(world):
    from route2020.notifications import tasks
    from route2020.notifications.models import Frequency, Kind

    item = notification(world, Kind.ANSWERS, Frequency.IMMEDIATE)
    assert tasks.send_notification.call(item.pk) is True


def notification_digest(world, frequency):
    from route2020.notifications import tasks
    from route2020.notifications.models import Kind

    for kind in Kind:  # every kind's label appears in the digest
        notification(world, kind, frequency)
    assert tasks.send_digest.call(world["reader"].pk, frequency) == len(Kind)


def notification_digest_daily(world):
    from route2020.notifications.models import Frequency

    notification_digest(world, Frequency.DAILY)


def notification_digest_weekly(world):
    from route2020.notifications.models import Frequency

    notification_digest(world, Frequency.WEEKLY)


MAILS = [
    event_confirm_email,
    event_confirmed,
    event_waitlisted,
    event_already_registered,
    event_promoted,
    event_office_mail,
    event_reminder,
    event_followup,
    membership_requested,
    membership_confirmed,
    membership_declined,
    practice_submitted,
    practice_published,
    practice_returned,
    newsletter_confirm,
    newsletter_already_subscribed,
    newsletter_issue,
    newsletter_test_issue,
    newsletter_tip,
    account_password_reset,
    account_signup_verification,
    notification_instant,
    notification_digest_daily,
    notification_digest_weekly,
]


@pytest.fixture(autouse=True)
def _dutch_around():
    """The sender works in Dutch, the site's language; each mail must switch by itself."""
    with translation.override("nl"):
        yield


@pytest.mark.parametrize("send", MAILS, ids=lambda send: send.__name__)
def test_mail_to_an_english_reader_has_no_dutch(world, send):
    mail.outbox.clear()
    send(world)
    assert mail.outbox, "no mail sent"
    for message in mail.outbox:
        assert_english(message)


def test_these_mails_use_every_mail_template(world):
    """A new mail template (a new mail) must be added to MAILS above."""
    from django.db import transaction

    seen = set()

    def record(sender, template, context, **kwargs):
        seen.add(template.name)

    template_rendered.connect(record)
    try:
        for send in MAILS:
            with transaction.atomic():
                send(world)
                transaction.set_rollback(True)
    finally:
        template_rendered.disconnect(record)
    # route2020/<app>/templates/<app>/mail/<name> is rendered as <app>/mail/<name>
    templates = {path.relative_to(path.parents[2]).as_posix() for path in MAIL_TEMPLATES}
    assert templates <= seen, sorted(templates - seen)
