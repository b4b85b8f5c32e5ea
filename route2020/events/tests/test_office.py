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
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "naam;e-mailadres;organisatie;status;sessies;aangemeld op"
    assert any(line.startswith("Anna Aalders;") and ";Parel;" in line for line in lines)
    assert any(line.startswith("'=HYPERLINK(1);") for line in lines)
    assert "Weg Af" not in text
    assert len(lines) == 4


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
