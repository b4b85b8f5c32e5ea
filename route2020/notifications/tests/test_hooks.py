"""Events, practices and moderation reach the people who asked for them, without those apps
knowing this one (hooks.py)."""

from django.core import mail

from route2020.core import roles
from route2020.core.tests.factories import province
from route2020.notifications.models import Frequency, Kind, Notification, Preference


def want(user, kind, frequency=Frequency.IMMEDIATE):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


def test_a_published_event_in_my_province_is_mailed_once(
    member, make_user, make_organisation, make_event, django_capture_on_commit_callbacks
):
    elsewhere = make_user(organisation=make_organisation(province_code="PV20"))
    want(member, Kind.EVENTS)
    want(elsewhere, Kind.EVENTS)
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(province=province("PV23"), title="PleisterPlaatsOntmoeting Deventer")
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()  # published again: not told again
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "PleisterPlaatsOntmoeting Deventer" in mail.outbox[0].body


def test_a_practice_in_my_themes_goes_into_my_weekly_digest(
    member, themes, make_practice, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    want(member, Kind.PRACTICES, Frequency.WEEKLY)
    member.theme_interests.create(theme=themes[2])
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(theme=themes[2], title="Bibliotheek en muziekschool onder één dak")
        make_practice(theme=themes[0], title="Iets anders")
    assert mail.outbox == []
    call_command("send_digests", "wekelijks")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "muziekschool" in body and "Iets anders" not in body


def test_a_submission_for_review_reaches_the_regiogids_who_opted_in(
    make_user, django_capture_on_commit_callbacks
):
    from route2020.practices.models import ModerationEvent, Submission

    guide = make_user(role=roles.GUIDE, provinces=["PV23"], organisation=None)
    want(guide, Kind.MODERATION)
    author = make_user()
    submission = Submission.objects.create(
        author=author,
        organisation=author.organisation,
        province=province("PV23"),
        data={"basis": {"title": "Voorleesontbijt"}},
    )
    with django_capture_on_commit_callbacks(execute=True):
        ModerationEvent.objects.create(
            submission=submission, actor=author, action=ModerationEvent.Action.SUBMITTED
        )
    assert Notification.objects.filter(user=guide, kind=Kind.MODERATION).exists()
    assert [message.to for message in mail.outbox] == [[guide.email]]
