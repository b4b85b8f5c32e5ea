"""Registering: members in one click, visitors with a confirmed email, capacity and waitlist."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from route2020.core.tests.factories import PASSWORD
from route2020.events import services
from route2020.events.models import Audience, Registration

Status = Registration.Status


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def register_url(event):
    return event.url + "aanmelden/"


@pytest.mark.django_db
def test_member_registers_in_one_click_and_gets_confirmation_with_ics(
    client, make_event, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=10)
    member = make_user()
    login(client, member)
    page = client.get(event.url)
    assert "Aanmelden" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), follow=True)
    registration = Registration.objects.get()
    assert registration.user == member and registration.status == Status.CONFIRMED
    assert "Je bent aangemeld" in response.content.decode()
    assert response.redirect_chain[-1][0] == registration.get_personal_url()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [member.email]
    assert registration.get_personal_url() in mail.body
    filename, content, mimetype = mail.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "TZID=Europe/Amsterdam" in content


@pytest.mark.django_db
def test_visitor_registers_then_confirms_email(
    client, make_event, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=10)
    data = {"name": "Vera Bezoeker", "email": "Vera@Example.org", "organisation_name": "Gemeente"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), data, follow=True)
    assert "we hebben je een mail gestuurd" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING
    assert registration.email == "vera@example.org"
    assert len(mailoutbox) == 1 and "bevestigen/" in mailoutbox[0].body
    confirm_path = registration.get_personal_url() + "bevestigen/"
    assert "Bevestig mijn aanmelding" in client.get(confirm_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert len(mailoutbox) == 2 and mailoutbox[1].attachments
    # The confirmation link used again changes nothing and sends nothing.
    assert "al bevestigd" in client.get(confirm_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path)
    assert len(mailoutbox) == 2
    assert Registration.objects.get().status == Status.CONFIRMED


@pytest.mark.django_db
def test_visitor_form_errors_are_dutch_next_to_the_field_and_keep_input(client, make_event):
    event = make_event()
    response = client.post(
        register_url(event),
        {"name": "Vera Bezoeker", "email": "geen-adres", "organisation_name": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Voer een geldig e-mailadres in." in html
    assert 'value="Vera Bezoeker"' in html and 'value="geen-adres"' in html
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_registering_after_closing_is_refused(client, make_event, make_user):
    event = make_event(registration_closes=timezone.now() - timedelta(hours=1))
    member = make_user()
    login(client, member)
    assert "Aanmelden is gesloten." in client.get(event.url).content.decode()
    response = client.post(register_url(event))
    assert response.status_code == 400
    assert "Aanmelden voor deze bijeenkomst is gesloten." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_registering_before_opening_is_refused(make_event, make_user):
    event = make_event(registration_opens=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError, match="nog niet"):
        services.registration_create(event=event, user=make_user())
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_members_only_event_refuses_a_visitor(client, make_event):
    event = make_event(audience=Audience.MEMBERS)
    html = client.get(event.url).content.decode()
    assert "alleen voor leden" in html and "Log in om je aan te melden" in html
    assert 'name="email"' not in html
    response = client.post(register_url(event), {"name": "Vera", "email": "vera@example.org"})
    assert response.status_code == 400
    assert "alleen voor leden" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_members_only_event_accepts_a_member(client, make_event, make_user):
    event = make_event(audience=Audience.MEMBERS)
    member = make_user()
    login(client, member)
    client.post(register_url(event))
    assert Registration.objects.get().status == Status.CONFIRMED


@pytest.mark.django_db
def test_full_session_is_refused(client, make_event, make_user):
    event = make_event(sessions=[("Parel: Taalhuis", 1, 1, 1), ("Walk & talk", 2, 1, None)])
    full, free = event.sessions.order_by("start")
    services.registration_create(event=event, user=make_user(), sessions=[full])
    member = make_user()
    login(client, member)
    assert "(vol)" in client.get(event.url).content.decode()
    response = client.post(register_url(event), {"sessions": [full.pk, free.pk]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "De sessie ‘Parel: Taalhuis’ is vol." in html
    assert 'id="id_sessions_error"' in html
    assert Registration.objects.filter(user=member).count() == 0


@pytest.mark.django_db
def test_overlapping_sessions_are_refused(client, make_event, make_user):
    event = make_event(sessions=[("Taalhuis", 1, 2, None), ("Walk & talk", 2, 1, None)])
    first, second = event.sessions.order_by("start")
    login(client, make_user())
    response = client.post(register_url(event), {"sessions": [first.pk, second.pk]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "zijn tegelijk" in html and 'id="id_sessions_error"' in html
    assert html.count(" checked>") == 2  # both choices kept
    assert not Registration.objects.exists()
    with pytest.raises(ValidationError, match="tegelijk"):
        services.registration_create(event=event, user=make_user(), sessions=[first, second])


@pytest.mark.django_db
def test_session_of_another_event_is_refused(make_event, make_user):
    other = make_event(sessions=[("Elders", 1, 1, None)])
    event = make_event()
    with pytest.raises(ValidationError, match="alleen sessies van deze"):
        services.registration_create(
            event=event, user=make_user(), sessions=list(other.sessions.all())
        )


@pytest.mark.django_db
def test_double_submit_gives_one_registration(
    client, make_event, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    member = make_user()
    login(client, member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event))
        response = client.post(register_url(event), follow=True)
    assert Registration.objects.count() == 1
    assert "Je bent al aangemeld" in response.content.decode()
    assert len(mailoutbox) == 1
    # A visitor submitting twice (two tabs) also gets one registration; the page answers as
    # for a new registration (issue 11, finding 9: it must not tell that the address was
    # registered) and the address gets its link again.
    data = {"name": "Vera", "email": "vera@example.org"}
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(register_url(event), data, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), data, follow=True)
    assert Registration.objects.filter(email="vera@example.org").count() == 1
    assert "Je bent al aangemeld" not in response.content.decode()
    assert "Bijna klaar" in response.content.decode()
    assert response.redirect_chain == first.redirect_chain
    assert [mail.to for mail in mailoutbox[1:]] == [["vera@example.org"]] * 2


@pytest.mark.django_db
def test_registering_a_confirmed_address_again_tells_only_the_address(
    client, make_event, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 11, finding 9: a visitor registering someone else's address sees what a new
    registration sees; the owner of the address gets a mail with their personal link."""
    event = make_event()
    existing = Registration.objects.create(
        event=event, name="Anna", email="anna@example.org", status=Registration.Status.CONFIRMED
    )
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(register_url(event), {"name": "X", "email": "ANNA@example.org"})
    new = client.post(register_url(event), {"name": "Y", "email": "nieuw@example.org"})
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert Registration.objects.filter(email="anna@example.org").count() == 1
    mail = mailoutbox[-1]
    assert mail.to == ["anna@example.org"]
    assert existing.get_personal_url() in mail.body


@pytest.mark.django_db
def test_unique_constraint_catches_what_the_check_misses(make_event, make_user):
    """Two requests passing the check at once: the database refuses the second row."""
    event = make_event()
    member = make_user()
    Registration.objects.create(event=event, user=member, name="x", email=member.email)
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(event=event, user=member)


@pytest.mark.django_db
def test_full_event_waitlists_and_promotes_the_first_when_a_place_frees(
    make_event, make_user, mailoutbox, captured
):
    event = make_event(capacity=1)
    first = captured(services.registration_create, event=event, user=make_user())
    second = captured(services.registration_create, event=event, user=make_user())
    third = captured(services.registration_create, event=event, user=make_user())
    assert [r.status for r in (first, second, third)] == [
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert "wachtlijst" in mailoutbox[1].body
    mailoutbox.clear()
    captured(services.registration_cancel, registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.CONFIRMED and third.status == Status.WAITLISTED
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [second.email]
    assert "plaats vrijgekomen" in mailoutbox[0].body and mailoutbox[0].attachments


@pytest.mark.django_db
def test_waitlisted_visitor_sees_waitlist_button(client, make_event, make_user):
    event = make_event(capacity=1)
    services.registration_create(event=event, user=make_user())
    assert "Op de wachtlijst" in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_forged_personal_link_is_refused(client, make_event, make_user):
    event = make_event()
    registration = services.registration_create(event=event, user=make_user())
    signed = registration.signed_token()
    forged = signed[:-3] + ("AAA" if not signed.endswith("AAA") else "BBB")
    for url in (
        f"/bijeenkomsten/aanmelding/{forged}/",
        f"/bijeenkomsten/aanmelding/{registration.token}/",
        "/bijeenkomsten/aanmelding/zomaar-iets:abc/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    response = client.post(f"/bijeenkomsten/aanmelding/{forged}/afmelden/")
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.django_db
def test_reused_cancel_link_is_refused_and_frees_no_second_place(
    client, make_event, make_user, captured
):
    event = make_event(capacity=1)
    first = services.registration_create(event=event, user=make_user())
    second = services.registration_create(event=event, user=make_user())
    third = services.registration_create(event=event, user=make_user())
    cancel = f"/bijeenkomsten/aanmelding/{first.signed_token()}/afmelden/"
    response = client.post(cancel, follow=True)
    assert "Je bent afgemeld" in response.content.decode()
    response = client.post(cancel)
    assert response.status_code == 409
    assert "al afgemeld" in response.content.decode()
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: Status.CANCELLED,
        second.pk: Status.CONFIRMED,
        third.pk: Status.WAITLISTED,
    }
    # The personal page itself no longer offers to cancel.
    html = client.get(first.get_personal_url()).content.decode()
    assert "Afgemeld" in html and "afmelden/" not in html


@pytest.mark.django_db
def test_personal_link_changes_sessions_but_not_to_overlapping_ones(client, make_event, make_user):
    event = make_event(
        sessions=[("Taalhuis", 1, 2, None), ("Walk & talk", 2, 1, None), ("Makerspace", 4, 1, 5)]
    )
    first, second, third = event.sessions.order_by("start")
    registration = services.registration_create(event=event, user=make_user(), sessions=[first])
    url = registration.get_personal_url()
    response = client.post(url, {"sessions": [first.pk, second.pk]})
    assert response.status_code == 400 and "zijn tegelijk" in response.content.decode()
    assert list(registration.sessions.all()) == [first]
    response = client.post(url, {"sessions": [second.pk, third.pk]}, follow=True)
    assert "Je sessies zijn gewijzigd" in response.content.decode()
    assert set(registration.sessions.all()) == {second, third}
    assert response.headers["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_visitor_confirming_when_event_filled_up_lands_on_waitlist(make_event, make_user):
    event = make_event(capacity=1)
    visitor = services.registration_create(event=event, name="Vera", email="vera@example.org")
    services.registration_create(event=event, user=make_user())
    visitor = services.registration_confirm_email(registration=visitor)
    assert visitor.status == Status.WAITLISTED


@pytest.mark.django_db
def test_free_places_shown_are_not_cached_stale(client, make_event, make_user):
    event = make_event(capacity=2)
    assert "2 van 2 plaatsen vrij" in client.get(event.url).content.decode()
    services.registration_create(event=event, user=make_user())
    assert "1 van 2 plaats vrij" in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_cached_page_shows_fresh_places_after_registering_and_changing_sessions(
    client, make_event, make_user, captured
):
    event = make_event(
        audience=Audience.MEMBERS, capacity=2, sessions=[("Taalhuis", 1, 1, 3), ("Lab", 1, 1, 3)]
    )
    taalhuis, lab = event.sessions.order_by("title")[::-1]
    first = client.get(event.url)
    assert "2 van 2 plaatsen vrij" in first.content.decode()
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    registration = captured(
        services.registration_create, event=event, user=make_user(), sessions=[taalhuis]
    )
    html = client.get(event.url).content.decode()
    assert "1 van 2 plaats vrij" in html and ">2 plaatsen vrij<" in html
    captured(services.registration_change_sessions, registration=registration, sessions=[lab])
    html = client.get(event.url).content.decode()
    assert html.count(">3 plaatsen vrij<") == 1 and html.count(">2 plaatsen vrij<") == 1


@pytest.mark.django_db
def test_a_registration_renews_only_its_own_events_cached_page(
    client, home, make_event, make_user, captured
):
    """A registration changes one event's free places: the rest of the site (the home page,
    another event) stays in the page cache instead of being rendered again."""
    event = make_event(audience=Audience.MEMBERS, capacity=2)
    other = make_event(audience=Audience.MEMBERS, capacity=5)
    member = make_user()
    for url in (home.url, event.url, other.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    captured(services.registration_create, event=event, user=member)
    assert client.get(home.url)["X-Page-Cache"] == "hit"
    assert client.get(other.url)["X-Page-Cache"] == "hit"
    response = client.get(event.url)
    assert response["X-Page-Cache"] == "miss"
    assert "1 van 2 plaats vrij" in response.content.decode()


@pytest.mark.django_db
def test_deleting_an_account_gives_its_place_to_the_waitlist(
    make_event, make_user, mailoutbox, captured
):
    from route2020.core.services import user_delete

    event = make_event(capacity=1)
    leaving = make_user()
    captured(services.registration_create, event=event, user=leaving)
    waiting = captured(services.registration_create, event=event, user=make_user())
    mailoutbox.clear()
    leaving_id, leaving_email = leaving.pk, leaving.email
    captured(user_delete, user=leaving)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [mail.to for mail in mailoutbox] == [[waiting.email]]
    assert not Registration.objects.filter(user_id=leaving_id).exists()
    assert not Registration.objects.filter(email=leaving_email).exists()
