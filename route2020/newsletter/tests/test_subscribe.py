import re

import pytest
from django.test import Client

from route2020.newsletter import links
from route2020.newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

URL = "/reisflitsen/"


def link_in(message, name):
    match = re.search(rf"http://testserver(/reisflitsen/{name}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def post(client, capture, **data):
    with capture(execute=True):
        return client.post(URL, data)


def test_page_shows_form_with_themes(client, newsletter_index, themes):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in html
    assert "Persoonlijke ontwikkeling" in html
    assert "Er zijn nog geen Reisflitsen verstuurd." in html


def test_double_opt_in(
    client, newsletter_index, themes, mailoutbox, django_capture_on_commit_callbacks
):
    response = post(
        client,
        django_capture_on_commit_callbacks,
        email="Piet@Example.org",
        name="Piet",
        organisation="Bibliotheek Teststad",
        themes=[themes[0].pk],
    )
    assert response.status_code == 302
    assert response["Location"] == "/reisflitsen/aangemeld/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert [m.to for m in mailoutbox] == [["Piet@Example.org"]]
    assert "Bevestig" in mailoutbox[0].subject

    confirm_path = link_in(mailoutbox[0], "bevestigen")
    page = client.get(confirm_path)
    assert "Ja, aanmelding bevestigen" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING  # a link checker does not subscribe

    response = client.post(confirm_path)
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    preferences = client.get(response["Location"]).content.decode()
    assert "Piet@Example.org" in preferences
    assert 'value="Bibliotheek Teststad"' in preferences


def test_form_errors_are_dutch_and_keep_input(client, newsletter_index, themes, mailoutbox):
    response = client.post(URL, {"email": "geen-adres", "name": "Piet"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="geen-adres"' in html and 'value="Piet"' in html
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_same_answer_for_known_address_and_no_changes(
    client, newsletter_index, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    known = make_subscriber(email="an@example.org", name="An")
    first = post(client, django_capture_on_commit_callbacks, email="AN@example.org", name="Vreemde")
    second = post(client, django_capture_on_commit_callbacks, email="nieuw@example.org")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    known.refresh_from_db()
    assert known.name == "An" and known.status == Subscriber.Status.CONFIRMED
    assert Subscriber.objects.filter(email__iexact="an@example.org").count() == 1
    assert "al aangemeld" in mailoutbox[0].subject
    assert "/reisflitsen/voorkeuren/" in mailoutbox[0].body


def test_signup_mails_to_one_address_are_limited(
    client, newsletter_index, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(5):
        response = post(client, django_capture_on_commit_callbacks, email="veel@example.org")
        assert response.status_code == 302
    assert len(mailoutbox) == 3
    assert Subscriber.objects.count() == 1


def test_one_click_unsubscribe_without_csrf(make_subscriber, themes, home):
    subscriber = make_subscriber(name="Jan", organisation="Bieb")
    subscriber.themes.set(themes)
    path = links.personal_url(subscriber, links.UNSUBSCRIBE).removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assert "Ja, afmelden" in page.content.decode()
    assert "no-cache" in page["Cache-Control"]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Je ontvangt geen Reisflitsen meer" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert (subscriber.name, subscriber.organisation) == ("", "")
    assert not subscriber.themes.exists()
    assert client.post(path).status_code == 200  # a second click changes nothing


def test_resubscribe_after_unsubscribe(
    client, newsletter_index, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = make_subscriber(email="terug@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    post(client, django_capture_on_commit_callbacks, email="terug@example.org", name="Terug")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    client.post(link_in(mailoutbox[0], "bevestigen"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.name == "Terug"


def test_preferences_change(client, make_subscriber, themes, home):
    subscriber = make_subscriber(name="Oud")
    path = links.personal_url(subscriber, links.PREFERENCES).removeprefix("http://testserver")
    response = client.post(path, {"name": "Nieuw", "organisation": "", "themes": [themes[1].pk]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.name == "Nieuw"
    assert list(subscriber.themes.all()) == [themes[1]]
    assert "opgeslagen" in client.get(response["Location"]).content.decode()


def test_links_cannot_be_forged_or_swapped(client, make_subscriber, home):
    subscriber = make_subscriber()
    confirm_token = links.make_token(subscriber, links.CONFIRM)
    assert client.get(f"/reisflitsen/afmelden/{confirm_token}/").status_code == 404
    assert client.get("/reisflitsen/voorkeuren/nep-token/").status_code == 404
    assert client.post(f"/reisflitsen/afmelden/{confirm_token}x/").status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    # A new link key voids every earlier link.
    old = links.make_token(subscriber, links.PREFERENCES)
    subscriber.link_key = links.new_link_key()
    subscriber.save()
    assert client.get(f"/reisflitsen/voorkeuren/{old}/").status_code == 404


def test_confirm_link_expires(client, make_subscriber, settings, home):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    token = links.make_token(subscriber, links.CONFIRM)
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    response = client.post(f"/reisflitsen/bevestigen/{token}/")
    assert response.status_code == 404
    assert "verlopen" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_unconfirmed_signups_are_purged(make_subscriber, settings):
    from route2020.newsletter import services

    make_subscriber(status=Subscriber.Status.PENDING)
    kept = make_subscriber()
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    assert services.purge_unconfirmed() == 1
    assert list(Subscriber.objects.all()) == [kept]


def test_privacy_export(make_user, make_subscriber):
    from route2020.newsletter.privacy import export

    user = make_user(email="lid@example.org")
    assert export(user) == {}
    make_subscriber(email="LID@example.org", name="Lid")
    (data,) = export(user)["reisflitsen"]
    assert data["naam"] == "Lid" and data["status"] == "aangemeld"


def test_signups_from_one_client_are_limited(
    client, newsletter_index, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"newsletter-subscribe": "2/h"}
    for number in range(2):
        response = post(client, django_capture_on_commit_callbacks, email=f"a{number}@example.org")
        assert response.status_code == 302
    response = post(client, django_capture_on_commit_callbacks, email="derde@example.org")
    html = response.content.decode()
    assert response.status_code == 429
    assert "te veel verzoeken" in html and response["Retry-After"] == "3600"
    assert Subscriber.objects.count() == 2 and len(mailoutbox) == 2
