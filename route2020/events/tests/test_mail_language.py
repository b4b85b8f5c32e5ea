"""Event mails go out in the language the person registered in."""

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from route2020.core.tests.factories import PASSWORD
from route2020.events import tasks
from route2020.events.models import Registration

ENGLISH = {
    "Bevestig je aanmelding: %(title)s": "Confirm your registration: %(title)s",
    "Je bent aangemeld: %(title)s": "You are registered: %(title)s",
    "Beste %(name)s,": "Dear %(name)s,",
}


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    """A request under /en/ leaves English active in this thread; other tests expect Dutch."""
    yield
    translation.deactivate()


def english_register_url(event):
    with translation.override("en"):
        url = event.url + "aanmelden/"
    if not url.startswith("/en/"):
        url = "/en" + url
    return url


@pytest.fixture
def english_catalogue(monkeypatch):
    """Stands in for the English translations the catalogue will have."""
    english = trans_real.translation("en")
    original = english.gettext
    monkeypatch.setattr(
        english, "gettext", lambda message: ENGLISH.get(message) or original(message)
    )


@pytest.fixture
def languages_rendered(monkeypatch):
    """The active language each time a mail template is rendered."""
    seen = []
    render = tasks.render_to_string

    def recording(template, context):
        seen.append((template, translation.get_language()))
        return render(template, context)

    monkeypatch.setattr(tasks, "render_to_string", recording)
    return seen


@pytest.mark.django_db
def test_visitor_registering_under_en_gets_english_mail(
    client, make_event, mailoutbox, languages_rendered, english_catalogue, captured
):
    event = make_event(title="Delen maakt je rijker")
    data = {"name": "Vera", "email": "vera@example.org", "organisation_name": ""}
    captured(client.post, english_register_url(event), data)
    registration = Registration.objects.get()
    assert registration.language == "en"
    assert languages_rendered == [("events/mail/confirm_email.txt", "en")]
    (mail,) = mailoutbox
    assert mail.subject == "[Route 2020] Confirm your registration: Delen maakt je rijker"
    assert mail.body.startswith("Dear Vera,")


@pytest.mark.django_db
def test_member_registering_under_en_gets_english_mail_later_too(
    client, make_event, make_user, mailoutbox, languages_rendered, english_catalogue, captured
):
    event = make_event(title="Leesclub")
    member = make_user(first_name="Anna", last_name="Aalders")
    assert client.login(username=member.username, password=PASSWORD)
    captured(client.post, english_register_url(event))
    registration = Registration.objects.get()
    assert registration.language == "en"
    assert mailoutbox[0].subject == "[Route 2020] You are registered: Leesclub"
    # A task run later, in a worker where Dutch is active, still writes in English.
    with translation.override("nl"):
        tasks.send_registration_mail.call(registration.pk)
    assert [language for _template, language in languages_rendered] == ["en", "en"]
    assert mailoutbox[1].subject == "[Route 2020] You are registered: Leesclub"


@pytest.mark.django_db
def test_dutch_registration_gets_dutch_mail(
    client, make_event, mailoutbox, languages_rendered, english_catalogue, captured
):
    event = make_event(title="Leesclub")
    data = {"name": "Vera", "email": "vera@example.org", "organisation_name": ""}
    with translation.override("nl"):
        url = event.url + "aanmelden/"
    captured(client.post, url, data)
    assert Registration.objects.get().language == "nl"
    assert languages_rendered == [("events/mail/confirm_email.txt", "nl")]
    assert mailoutbox[0].subject == "[Route 2020] Bevestig je aanmelding: Leesclub"
    assert mailoutbox[0].body.startswith("Beste Vera,")
