import re

import pytest
from django.core import mail
from django.core.management import call_command

from route2020.core.tests.factories import PASSWORD
from route2020.notifications import links, services
from route2020.notifications.models import Frequency, Kind, Notification, Preference
from route2020.questions import services as questions


def want(user, kind, frequency=Frequency.IMMEDIATE):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


def test_the_profile_page_has_the_choices_and_saves_them(client, member, themes):
    assert client.login(username=member.username, password=PASSWORD)
    html = client.get("/account/profiel/").content.decode()
    assert "Berichten per mail" in html and "Antwoorden op vragen van mijn organisatie" in html
    data = {f"kind_{kind}": Frequency.NEVER for kind in Kind.values}
    data.update({"kind_antwoorden": Frequency.DAILY, "themes": [themes[0].pk]})
    assert client.post("/account/berichten/", data).status_code == 302
    assert Preference.objects.get(user=member, kind=Kind.ANSWERS).frequency == Frequency.DAILY
    assert list(member.theme_interests.values_list("theme_id", flat=True)) == [themes[0].pk]
    data["kind_antwoorden"] = "elk-uur"
    assert client.post("/account/berichten/", data).status_code == 400


def test_an_answer_mails_the_asker_at_once_with_a_one_click_unsubscribe(
    client, member, other_member, ask, django_capture_on_commit_callbacks
):
    want(member, Kind.ANSWERS)
    question = ask(member)
    with django_capture_on_commit_callbacks(execute=True):
        questions.answer_create(question=question, user=other_member, text="Wij weten het.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email] and question.title in message.body
    url = re.search(r"<(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = url.split("testserver", 1)[-1] if "testserver" in url else "/" + url.split("/", 3)[3]
    assert client.get(path).status_code == 200  # a link scanner changes nothing
    assert Preference.objects.get(user=member, kind=Kind.ANSWERS).frequency == Frequency.IMMEDIATE
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Preference.objects.get(user=member, kind=Kind.ANSWERS).frequency == Frequency.NEVER


def test_a_forged_unsubscribe_token_changes_nothing(client, member):
    want(member, Kind.ANSWERS)
    token = links.token(member, Kind.ANSWERS)
    assert client.post(f"/berichten/afmelden/{token}x/").status_code == 400
    assert client.post("/berichten/afmelden/niets/").status_code == 400
    assert Preference.objects.get(user=member).frequency == Frequency.IMMEDIATE


def test_a_question_notifies_opted_in_members_of_organisations_with_experience(
    member, make_user, make_organisation, make_practice, ask, django_capture_on_commit_callbacks
):
    experienced = make_organisation()
    practice = make_practice(organisation=experienced, title="Taalcafé in de bibliotheek")
    opted_in, silent = make_user(organisation=experienced), make_user(organisation=experienced)
    want(opted_in, Kind.QUESTIONS)
    call_command("update_index", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        ask(member, title="We willen een taalcafé starten: wie heeft dat gedaan?")
    assert [message.to for message in mail.outbox] == [[opted_in.email]]
    assert practice.organisation_id == experienced.pk and silent.email not in str(mail.outbox)


def test_a_digest_never_repeats_an_item_and_is_never_empty(member, settings):
    want(member, Kind.PRACTICES, Frequency.DAILY)
    call_command("send_digests", "dagelijks")
    assert mail.outbox == []  # nothing waiting: no mail
    services.notify(
        kind=Kind.PRACTICES,
        user_ids=[member.pk],
        key="practice:1",
        title="Voorleesontbijt",
        path="/p/1/",
    )
    services.notify(
        kind=Kind.PRACTICES,
        user_ids=[member.pk],
        key="practice:1",
        title="Voorleesontbijt",
        path="/p/1/",
    )
    call_command("send_digests", "dagelijks")
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("Voorleesontbijt") == 1
    call_command("send_digests", "dagelijks")
    assert len(mail.outbox) == 1
    # an item already told about is not told again, even when it is published again
    services.notify(
        kind=Kind.PRACTICES,
        user_ids=[member.pk],
        key="practice:1",
        title="Voorleesontbijt",
        path="/p/1/",
    )
    call_command("send_digests", "dagelijks")
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1
    call_command("send_digests", "wekelijks")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("language", "words"), [("nl", "Je dagelijkse overzicht"), ("en", "Your daily")]
)
def test_mail_is_in_the_persons_language(member, language, words):
    member.language = language
    member.save()
    want(member, Kind.PRACTICES, Frequency.DAILY)
    services.notify(
        kind=Kind.PRACTICES, user_ids=[member.pk], key="p:2", title="Makerspace", path="/p/2/"
    )
    call_command("send_digests", "dagelijks")
    message = mail.outbox[0]
    if language == "nl":
        assert words in message.subject and "/en/" not in message.body
    else:
        assert "/en/p/2/" in message.body


def test_export_holds_the_choices(member, themes):
    from route2020.notifications.privacy import export

    want(member, Kind.EVENTS, Frequency.WEEKLY)
    services.set_preferences(user=member, frequencies={}, themes=[themes[1]])
    data = export(member)["berichten"]
    assert data["voorkeuren"] == {"bijeenkomsten": "wekelijks"}
    assert data["mijn_themas"] == [themes[1].title]
