"""A person's registrations — signed in, or as a visitor under one of their confirmed
addresses — are in their data export, and are anonymised when they delete their account or
when the event is long past; the counts stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from route2020.events import services
from route2020.events.models import Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


def past_event(make_event, days_ago):
    start = timezone.now() - timedelta(days=days_ago)
    return make_event(start=start, end=start + timedelta(hours=4))


def register(event, name, email, status=Status.CONFIRMED, user=None):
    return Registration.objects.create(
        event=event, user=user, name=name, email=email, organisation_name="Bieb", status=status
    )


@pytest.fixture
def person(make_user):
    return make_user(email="vera@example.org", first_name="Vera", last_name="Lid")


def test_the_export_holds_registrations_by_account_and_by_confirmed_address(
    make_event, person, client
):
    from allauth.account.models import EmailAddress

    signed_in = make_event(title="Webinar")
    services.registration_create(event=signed_in, user=person)
    as_visitor = make_event(title="Deel je rijk")
    register(as_visitor, "Vera", "VERA@example.org", status=Status.PENDING)
    EmailAddress.objects.create(user=person, email="oud@example.org", verified=False)
    unproved = make_event(title="Niet van haar")
    register(unproved, "Iemand", "oud@example.org")

    client.force_login(person)
    data = client.get("/account/gegevens/").json()

    titles = sorted(item["bijeenkomst"] for item in data["aanmeldingen"])
    assert titles == ["Deel je rijk", "Webinar"]


def test_deleting_the_account_anonymises_every_registration_and_keeps_the_counts(
    make_event, person, make_user, client, django_capture_on_commit_callbacks
):
    old = past_event(make_event, days_ago=30)
    past = register(old, "Vera Lid", "vera@example.org", user=person)
    visitor = register(past_event(make_event, days_ago=60), "Vera", "Vera@Example.org")
    register(old, "Ander", "ander@example.org")
    coming = make_event(capacity=1)
    mine = services.registration_create(event=coming, user=person)
    waiting = services.registration_create(event=coming, user=make_user())
    assert waiting.status == Status.WAITLISTED
    before = old.confirmed_count

    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/verwijderen/", {"confirm": "verwijder"})

    for registration in (past, visitor, mine):
        registration.refresh_from_db()
        assert (registration.user_id, registration.name, registration.email) == (None, "", "")
        assert registration.organisation_name == ""
    assert mine.status == Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert old.confirmed_count == before
    assert not Registration.objects.filter(email__iexact="vera@example.org").exists()


def test_past_events_registrations_are_anonymised_after_the_set_time(
    make_event, settings, mailoutbox
):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 365
    long_ago = past_event(make_event, days_ago=400)
    recent = past_event(make_event, days_ago=100)
    gone = [register(long_ago, f"Deelnemer {n}", f"d{n}@example.org") for n in range(3)]
    kept = register(recent, "Blijft", "blijft@example.org")
    counts = (long_ago.confirmed_count, recent.confirmed_count)

    call_command("anonymise_registrations", verbosity=0)
    call_command("anonymise_registrations", verbosity=0)  # nothing left to do

    for registration in gone:
        registration.refresh_from_db()
        assert (registration.name, registration.email, registration.organisation_name) == (
            "",
            "",
            "",
        )
        assert registration.status == Status.CONFIRMED
    kept.refresh_from_db()
    assert kept.email == "blijft@example.org"
    assert (long_ago.confirmed_count, recent.confirmed_count) == counts
    assert Registration.objects.to_anonymise().count() == 0


def test_the_time_is_a_setting(make_event, settings):
    event = past_event(make_event, days_ago=40)
    registration = register(event, "Kort", "kort@example.org")
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 30
    assert services.registrations_anonymise_past() == 1
    registration.refresh_from_db()
    assert registration.email == ""


def test_no_follow_up_mail_to_an_anonymised_registration(make_event, mailoutbox):
    from route2020.events.tasks import send_practice_followups

    event = past_event(make_event, days_ago=100)
    registration = register(event, "Weg", "weg@example.org")
    services.registrations_anonymise(registrations=Registration.objects.filter(pk=registration.pk))
    send_practice_followups.call()
    assert mailoutbox == []
