"""A visitor's registration that is not confirmed within 48 hours expires: the link in the
mail then says so, and the hourly job removes the name and address."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from route2020.events import services
from route2020.events.models import CONFIRMATION_EXPIRES_AFTER, Registration

Status = Registration.Status


def visitor(event, email="vera@example.org", age=timedelta(0), **fields):
    registration = services.registration_create(
        event=event, name="Vera Bezoeker", email=email, organisation_name="Gemeente", **fields
    )
    Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - age)
    registration.refresh_from_db()
    return registration


def confirm_url(registration):
    return registration.get_personal_url() + "bevestigen/"


def run_hourly_job():
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))


TOO_LATE = CONFIRMATION_EXPIRES_AFTER + timedelta(minutes=1)


@pytest.mark.django_db
def test_an_unconfirmed_registration_holds_no_place(make_event, make_user):
    event = make_event(capacity=1, sessions=[("Parel", 1, 1, 1)])
    session = event.sessions.get()
    visitor(event, sessions=[session])
    member = services.registration_create(event=event, user=make_user(), sessions=[session])
    assert member.status == Status.CONFIRMED


@pytest.mark.django_db
def test_confirm_link_after_48_hours_says_it_expired(client, make_event):
    event = make_event(capacity=5)
    registration = visitor(event, age=TOO_LATE)
    response = client.get(confirm_url(registration))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Deze link is verlopen" in html and "niet binnen 48 uur bevestigd" in html
    assert "Opnieuw aanmelden" in html and f'href="{event.url}#aanmelden"' in html
    response = client.post(confirm_url(registration))
    assert response.status_code == 410
    registration.refresh_from_db()
    assert registration.status == Status.PENDING and registration.confirmed_at is None


@pytest.mark.django_db
def test_confirm_link_within_48_hours_still_works(client, make_event):
    event = make_event(capacity=5)
    registration = visitor(event, age=CONFIRMATION_EXPIRES_AFTER - timedelta(minutes=5))
    response = client.post(confirm_url(registration))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.django_db
def test_the_service_refuses_to_confirm_an_expired_registration(make_event):
    registration = visitor(make_event(), age=TOO_LATE)
    with pytest.raises(services.RegistrationExpired):
        services.registration_confirm_email(registration=registration)


@pytest.mark.django_db
def test_hourly_job_removes_the_personal_data_of_expired_registrations(
    client, make_event, make_user
):
    event = make_event(capacity=1, sessions=[("Parel", 1, 1, None)])
    session = event.sessions.get()
    expired = visitor(event, age=TOO_LATE, sessions=[session])
    recent = visitor(event, email="nieuw@example.org", age=timedelta(hours=1))
    member = services.registration_create(event=event, user=make_user())
    run_hourly_job()
    expired.refresh_from_db()
    assert expired.status == Status.EXPIRED
    assert (expired.name, expired.email, expired.organisation_name) == ("", "", "")
    assert not expired.sessions.exists()
    recent.refresh_from_db()
    assert recent.status == Status.PENDING and recent.email == "nieuw@example.org"
    member.refresh_from_db()
    assert member.status == Status.CONFIRMED
    # The link in the old mail still explains what happened, without personal data.
    for url in (confirm_url(expired), expired.get_personal_url()):
        response = client.get(url)
        assert response.status_code == 410
        assert "Deze link is verlopen" in response.content.decode()
        assert "Vera" not in response.content.decode()
    assert services.registrations_expire_unconfirmed() == 0


@pytest.mark.django_db
def test_personal_link_of_an_expired_registration_shows_no_data(client, make_event):
    registration = visitor(make_event(), age=TOO_LATE)
    html = client.get(registration.get_personal_url()).content.decode()
    assert "Deze link is verlopen" in html and "vera@example.org" not in html


@pytest.mark.django_db
def test_visitor_registers_again_after_the_link_expired(make_event, mailoutbox, captured):
    event = make_event()
    first = visitor(event, age=TOO_LATE)
    again = captured(
        services.registration_create, event=event, name="Vera", email="vera@example.org"
    )
    assert again.pk != first.pk and again.status == Status.PENDING
    first.refresh_from_db()
    assert first.status == Status.EXPIRED and first.email == ""
    assert [mail.to for mail in mailoutbox] == [["vera@example.org"]]
    assert "binnen 48 uur" in mailoutbox[0].body


@pytest.mark.django_db
def test_no_new_registration_offered_when_registration_has_closed(client, make_event):
    event = make_event(registration_closes=timezone.now() + timedelta(days=1))
    registration = visitor(event, age=TOO_LATE)
    type(event).objects.filter(pk=event.pk).update(
        registration_closes=timezone.now() - timedelta(hours=1)
    )
    html = client.get(confirm_url(registration)).content.decode()
    assert "Opnieuw aanmelden" not in html and "kan niet meer" in html


@pytest.fixture
def office_client(client, make_user):
    from route2020.core.tests.factories import PASSWORD

    editor = make_user(role="Redactie")
    assert client.login(username=editor.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_the_office_no_longer_sees_or_counts_expired_registrations(
    office_client, make_event, make_user
):
    event = make_event(title="Delen maakt je rijker", sessions=[("Parel", 1, 1, None)])
    blanked = visitor(event, email="weg@example.org", age=TOO_LATE)
    run_hourly_job()
    blanked.refresh_from_db()
    assert blanked.status == Status.EXPIRED and blanked.name == ""
    late = visitor(event, email="laat@example.org", age=TOO_LATE)  # the job has yet to run
    fresh = visitor(event, email="vers@example.org", age=timedelta(hours=1))
    member = services.registration_create(event=event, user=make_user(first_name="Anna"))
    listed = {fresh.pk, member.pk}

    def edit_links(html):
        return {
            registration.pk
            for registration in (blanked, late, fresh, member)
            if f"/beheer/registrations/edit/{registration.pk}/" in html
        }

    html = office_client.get("/beheer/registrations/").content.decode()
    assert edit_links(html) == listed
    assert "Verlopen (niet bevestigd)" not in html  # not offered as a filter either
    html = office_client.get(f"/beheer/bijeenkomsten/{event.pk}/").content.decode()
    assert edit_links(html) == listed
    assert "laat@example.org" not in html and "vers@example.org" in html
    export = office_client.get("/beheer/registrations/", {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 1 + len(listed)
    assert not [row for row in rows if "laat@example.org" in row or ",,," in row]
    response = office_client.get("/beheer/bijeenkomsten/")
    (row,) = response.context["events"]
    assert (row.confirmed_count, row.pending_email_confirmation_count) == (1, 1)
    html = response.content.decode()
    assert "<td>1</td><td>—</td><td>0</td><td>1</td></tr>" in html
