"""Moderation mails go out in each recipient's language; the spread map counts in words."""

import pytest
from django.core import mail
from django.utils import translation

from route2020.practices import services, tasks
from route2020.practices.models import ModerationEvent, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(make_user, make_organisation):
    organisation = make_organisation(name="Bibliotheek Zwolle", province_code="PV23")
    author = make_user(organisation=organisation, email="lid@example.org")
    return Submission.objects.create(
        author=author,
        organisation=organisation,
        province=organisation.province,
        data={"basis": {"title": "Taalcafé op zaterdag"}},
        state=Submission.State.SUBMITTED,
    )


@pytest.fixture
def rendered_in(monkeypatch):
    """The active language each time the task renders a mail body."""
    languages = []
    render = tasks.render_to_string

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return render(*args, **kwargs)

    monkeypatch.setattr(tasks, "render_to_string", spy)
    return languages


def test_each_recipient_gets_the_mail_in_their_own_language(
    submission, make_user, settings, rendered_in
):
    settings.SITE_URL = "https://route2020.example"
    make_user(role="Regiogids", organisation=None, email="gids-nl@example.org")
    make_user(role="Regiogids", organisation=None, email="gids-en@example.org", language="en")
    event = ModerationEvent.objects.create(
        submission=submission, action=ModerationEvent.Action.SUBMITTED
    )

    sent = tasks.send_moderation_mail.call(
        event.pk, ["gids-en@example.org", "gids-nl@example.org", "geen-account@example.org"]
    )

    assert sent == 2
    assert sorted(rendered_in) == ["en", "nl"]
    by_recipients = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipients) == {
        ("gids-en@example.org",),
        ("gids-nl@example.org", "geen-account@example.org"),
    }
    english = by_recipients[("gids-en@example.org",)].body
    assert (
        f"https://route2020.example/en/praktijkvoorbeelden/beoordelen/{submission.pk}/" in english
    )
    dutch = by_recipients[("gids-nl@example.org", "geen-account@example.org")]
    assert dutch.subject == "[Route 2020] Nieuwe inzending om te beoordelen: Taalcafé op zaterdag"
    assert dutch.body.startswith("Beste regiogids,\n\n")
    assert 'Bibliotheek Zwolle heeft een praktijkvoorbeeld ingediend: "Taalcafé op zaterdag".' in (
        dutch.body
    )
    assert f"https://route2020.example/praktijkvoorbeelden/beoordelen/{submission.pk}/" in (
        dutch.body
    )
    # Rendering a mail leaves the worker's own language as it was.
    assert translation.get_language() == "nl"


def test_returned_mail_follows_the_submitters_language_not_the_guides(
    submission, make_user, rendered_in
):
    submission.author.language = "en"
    submission.author.save()
    guide = make_user(role="Regiogids", organisation=None, email="gids@example.org")
    event = ModerationEvent.objects.create(
        submission=submission,
        actor=guide,
        action=ModerationEvent.Action.RETURNED,
        note="Voeg de kosten per deelnemer toe.",
    )

    with translation.override("nl"):
        tasks.send_moderation_mail.call(event.pk, ["lid@example.org"])

    assert rendered_in == ["en"]
    (message,) = mail.outbox
    assert message.to == ["lid@example.org"]
    assert "Voeg de kosten per deelnemer toe." in message.body
    assert f"/en/praktijkvoorbeelden/inzending/{submission.pk}/basis/" in message.body


def test_dutch_published_mail_names_who_published(submission, make_user):
    guide = make_user(role="Regiogids", organisation=None, first_name="Gea", last_name="Gids")
    event = ModerationEvent.objects.create(
        submission=submission, actor=guide, action=ModerationEvent.Action.PUBLISHED
    )

    tasks.send_moderation_mail.call(event.pk, ["lid@example.org"])

    (message,) = mail.outbox
    assert message.subject == (
        "[Route 2020] Je praktijkvoorbeeld is gepubliceerd: Taalcafé op zaterdag"
    )
    assert 'Je praktijkvoorbeeld "Taalcafé op zaterdag" is gepubliceerd door Gea Gids.' in (
        message.body
    )
    assert "Dank voor het delen: delen maakt je rijker." in message.body


def test_spread_map_counts_in_singular_and_plural(
    client, make_practice, make_user, make_organisation
):
    origin = make_organisation(province_code="PV23", latitude=52.5, longitude=6.1)
    adopters = [
        make_organisation(province_code="PV23", latitude=52.4, longitude=6.0),
        make_organisation(province_code="PV27", latitude=52.6, longitude=4.8),
        make_organisation(province_code="PV27", latitude=52.4, longitude=4.9),
    ]
    practice = make_practice(organisation=origin)
    for adopter in adopters:
        services.adoption_create(
            practice=practice, user=make_user(organisation=adopter), how_it_went="Goed"
        )

    html = client.get("/praktijkvoorbeelden/verspreiding/").content.decode()

    assert "<title>Overijssel: 1 voorbeeld, 1 overname</title>" in html
    assert "<title>Noord-Holland: 0 voorbeelden, 2 overnames</title>" in html
