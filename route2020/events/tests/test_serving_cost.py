"""What the event page and /bijeenkomsten/ cost per request, and what the fragment cache must
not freeze: free places, the CSRF token and what the signed-in person sees of their own
registration."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from route2020.core.models import Province
from route2020.core.roles import ensure_provinces
from route2020.events import services
from route2020.events.models import Audience

pytestmark = pytest.mark.django_db

# Serving: the route and its specific page (the site comes from the cache); once the path's
# page is known in the process (route2020.core.fragments), only the page.
SERVING_FIRST = 2
SERVING = 1
# Before the event, once per content generation and again after each registration for it: the
# sessions with their confirmed registrations, the practices they present, and the event's
# confirmed registrations (the free places). Kept per process (EventPage.programme).
PROGRAMME = 3
# Once per content generation: the breadcrumbs, the province and the organiser.
FRAGMENTS_BEFORE = 3
# After the event, once per generation: breadcrumbs, province, organiser, sessions, their
# practices and the presented practices of the report.
FRAGMENTS_AFTER = 6
# /bijeenkomsten/, once per generation and combination of filters: the provinces and themes
# to filter on, the count and the page of events.
FRAGMENTS_INDEX = 4


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def with_events(make_event, make_organisation, make_practices):
    """Events, each with sessions that present a practice."""
    ensure_provinces()
    province = Province.objects.get(code="PV25")
    organiser = make_organisation(name="ProBiblio")

    def make(count, days, sessions=1):
        (practice,) = make_practices("Taalhuis")
        events = []
        for number in range(count):
            event = make_event(
                title=f"Ontmoeting {number}",
                start=timezone.now() + timedelta(days=days + number / 100),
                province=province,
                organiser=organiser,
                capacity=50,
                sessions=[(f"Sessie {index}", 1, 1, 10) for index in range(sessions)],
                report=[("paragraph", "<p>Het was een mooie dag.</p>")],
            )
            for session in event.sessions.all():
                session.practices.add(practice)
                session.save()
            events.append(event)
        return events

    return make


@pytest.mark.parametrize("count", [3, 30])
def test_event_page_before_the_event_runs_a_fixed_number_of_queries(
    client, with_events, count, django_assert_num_queries
):
    event = with_events(1, days=10, sessions=count)[0]
    client.get("/")  # warm what every request shares (site root paths, menu)
    with django_assert_num_queries(SERVING_FIRST + PROGRAMME + FRAGMENTS_BEFORE):
        html = client.get(event.url).content.decode()
    assert "<dd>ProBiblio</dd>" in html and "<dd>Gelderland</dd>" in html
    assert html.count("Praktijkvoorbeeld: Taalhuis") == count
    with django_assert_num_queries(SERVING):
        html = client.get(event.url).content.decode()
    assert "<dd>ProBiblio</dd>" in html and "<dd>Gelderland</dd>" in html
    assert 'aria-current="page">Ontmoeting 0</li>' in html
    assert html.count("Praktijkvoorbeeld: Taalhuis") == count
    assert "50 van 50 plaatsen vrij" in html and 'name="csrfmiddlewaretoken"' in html


# A signed-in member: the session and the person come from the cache and the process
# (route2020.core.signed_in); only their own registration for this event is asked, once per
# person, content generation and registration change (EventPage.own_registration).
OWN_REGISTRATION = 1


def test_event_page_for_a_signed_in_member_runs_a_fixed_number_of_queries(
    with_events, make_user, django_assert_num_queries
):
    event = with_events(1, days=10, sessions=3)[0]
    member = Client()
    member.force_login(make_user())
    member.get(event.url)
    with django_assert_num_queries(SERVING):
        html = member.get(event.url).content.decode()
    assert "Mijn profiel" in html and "50 van 50 plaatsen vrij" in html
    assert html.count("Praktijkvoorbeeld: Taalhuis") == 3
    # Another member's first request asks for their own registration, once.
    other = Client()
    other.force_login(make_user())
    other.get(event.url)
    with django_assert_num_queries(SERVING):
        assert "Mijn profiel" in other.get(event.url).content.decode()


def test_a_members_kept_registration_is_theirs_and_follows_every_change(
    make_event, make_user, captured, django_assert_num_queries
):
    """EventPage.own_registration keeps each person's registration per process: it must be
    theirs alone, and a registration, a cancel, the hourly expiry and the anonymising (bulk
    updates without signals) must show on the very next request."""
    from route2020.events.models import Registration

    event = make_event(capacity=5)
    attendee, other = make_user(), make_user()
    attendee_client, other_client, visitor = Client(), Client(), Client()
    attendee_client.force_login(attendee)
    other_client.force_login(other)
    for client in (attendee_client, other_client, visitor):
        assert "Je bent aangemeld." not in client.get(event.url).content.decode()
    registration = captured(services.registration_create, event=event, user=attendee)
    assert "Je bent aangemeld." in attendee_client.get(event.url).content.decode()
    with django_assert_num_queries(SERVING):
        assert "Je bent aangemeld." in attendee_client.get(event.url).content.decode()
    for client in (other_client, visitor):
        html = client.get(event.url).content.decode()
        assert "Je bent aangemeld." not in html and registration.get_personal_url() not in html
    captured(services.registration_cancel, registration=registration)
    assert "Je bent aangemeld." not in attendee_client.get(event.url).content.decode()
    # The hourly expiry of a registration waiting for its e-mail confirmation.
    pending = Registration.objects.create(
        event=event, user=attendee, status=Registration.Status.PENDING
    )
    Registration.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    captured(services.registration_create, event=event, user=other)  # moves the version
    assert "wacht op bevestiging" in attendee_client.get(event.url).content.decode()
    captured(services.registrations_expire_unconfirmed)
    assert "wacht op bevestiging" not in attendee_client.get(event.url).content.decode()
    # Anonymising takes the account out of the registration.
    assert "Je bent aangemeld." in other_client.get(event.url).content.decode()
    captured(
        services.registrations_anonymise, registrations=Registration.objects.filter(user=other)
    )
    assert "Je bent aangemeld." not in other_client.get(event.url).content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_event_page_after_the_event_runs_a_fixed_number_of_queries(
    client, with_events, count, django_assert_num_queries
):
    event = with_events(1, days=-10, sessions=count)[0]
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + FRAGMENTS_AFTER):
        html = client.get(event.url).content.decode()
    assert "Het was een mooie dag." in html and html.count("Praktijkvoorbeeld: Taalhuis") == count
    with django_assert_num_queries(SERVING):
        html = client.get(event.url).content.decode()
    assert "Het was een mooie dag." in html and html.count("Praktijkvoorbeeld: Taalhuis") == count
    assert "<dd>ProBiblio</dd>" in html and ">Taalhuis</a>" in html
    assert "plaatsen vrij" not in html and "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("days", [10, -10])
def test_event_index_runs_a_fixed_number_of_queries(
    client, with_events, count, days, django_assert_num_queries
):
    with_events(count, days=days)
    path = "/bijeenkomsten/?provincie=gelderland" + ("&wanneer=geweest" if days < 0 else "")
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + FRAGMENTS_INDEX):
        html = client.get(path).content.decode()
    assert html.count('class="r2020-card"') == min(count, 12)
    with django_assert_num_queries(SERVING):
        html = client.get(path).content.decode()
    assert html.count('class="r2020-card"') == min(count, 12)
    assert '<option value="gelderland" selected>Gelderland</option>' in html


def test_each_filter_and_page_of_the_index_is_cached_on_its_own(client, with_events):
    with_events(14, days=10)
    first = client.get("/bijeenkomsten/").content.decode()
    second = client.get("/bijeenkomsten/?pagina=2").content.decode()
    none = client.get("/bijeenkomsten/?soort=webinar").content.decode()
    assert "Ontmoeting 0<" in first and "Ontmoeting 13<" not in first
    assert "Ontmoeting 13<" in second and "Ontmoeting 0<" not in second
    assert "Geen komende bijeenkomsten gevonden." in none


def test_other_parameters_do_not_end_up_in_the_cached_links(client, with_events):
    with_events(14, days=10)
    client.get("/bijeenkomsten/?utm_source=mail-van-jan")
    html = client.get("/bijeenkomsten/").content.decode()
    assert "mail-van-jan" not in html and "?pagina=2" in html


def test_publishing_an_event_renews_the_cached_page_and_listing(client, with_events):
    event = with_events(1, days=10)[0]
    assert "ProBiblio" in client.get(event.url).content.decode()
    assert "Ontmoeting 0" in client.get("/bijeenkomsten/").content.decode()
    event.title = "Ontmoeting in Amersfoort"
    event.organiser = None
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert "Ontmoeting in Amersfoort" in html and "ProBiblio" not in html
    assert "Ontmoeting in Amersfoort" in client.get("/bijeenkomsten/").content.decode()


def test_cached_fragments_keep_free_places_and_personal_state_live(make_event, make_user, captured):
    event = make_event(capacity=2, online_url="https://meet.example.org/route2020")
    visitor = Client(enforce_csrf_checks=True)
    assert "2 van 2 plaatsen vrij" in visitor.get(event.url).content.decode()
    member = Client()
    member.force_login(make_user())
    registration = captured(services.registration_create, event=event, user=make_user())
    assert registration.status == "confirmed"
    html = member.get(event.url).content.decode()
    assert "1 van 2 plaats vrij" in html and "Je bent al" not in html
    assert 'name="csrfmiddlewaretoken"' in html
    # The visitor's form carries their own CSRF token, not one from a cached fragment.
    html = visitor.get(event.url).content.decode()
    assert "1 van 2 plaats vrij" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = visitor.post(
        event.register_url,
        {"csrfmiddlewaretoken": token, "name": "Vera", "email": "vera@example.org"},
    )
    assert response.status_code == 302
    # What a signed-in member sees of their own registration is theirs alone.
    members_event = make_event(audience=Audience.MEMBERS, online_url="https://meet.example.org/x")
    outsider = Client()
    html = outsider.get(members_event.url).content.decode()
    assert "De link krijg je na aanmelding." in html
    attendee = make_user()
    captured(services.registration_create, event=members_event, user=attendee)
    member.force_login(attendee)
    html = member.get(members_event.url).content.decode()
    assert "Je bent aangemeld." in html and 'href="https://meet.example.org/x"' in html
    html = outsider.get(members_event.url).content.decode()
    assert "Je bent aangemeld." not in html and "De link krijg je na aanmelding." in html


def test_the_programme_leaves_out_a_practice_behind_a_view_restriction(client, with_events):
    from wagtail.models import Page, PageViewRestriction

    event = with_events(1, days=10)[0]
    practice = Page.objects.get(title="Taalhuis")
    assert "Praktijkvoorbeeld: Taalhuis" in client.get(event.url).content.decode()
    PageViewRestriction.objects.create(page=practice, restriction_type="login")
    assert "Taalhuis" not in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_the_cached_parts_are_kept_per_language(client, make_event):
    """The fragments vary on the language: the English page never shows the Dutch copy."""
    event = make_event()
    assert "<dt>Wanneer</dt>" in client.get(event.url).content.decode()
    english = client.get(f"/en{event.url}").content.decode()
    assert "<dt>When</dt>" in english and "<dt>Wanneer</dt>" not in english


def test_a_registration_renews_the_kept_programme_and_free_places(
    client, with_events, make_user, captured, django_assert_num_queries
):
    event = with_events(1, days=10, sessions=2)[0]
    user = make_user()  # before the pages are kept: a new organisation renews every fragment
    client.get("/")
    html = client.get(event.url).content.decode()
    assert "50 van 50 plaatsen vrij" in html and html.count("10 plaatsen vrij") == 4
    session = event.sessions.order_by("sort_order").first()
    captured(services.registration_create, event=event, user=user, sessions=[session])
    with django_assert_num_queries(SERVING + PROGRAMME):
        html = client.get(event.url).content.decode()
    # The event's places and the chosen session's, in the programme and in the form.
    assert "49 van 50 plaatsen vrij" in html
    assert html.count("9 plaatsen vrij") == 2 and html.count("10 plaatsen vrij") == 2
    with django_assert_num_queries(SERVING):
        assert "49 van 50 plaatsen vrij" in client.get(event.url).content.decode()


def test_the_kept_form_is_a_visitors_or_a_members_never_a_posted_one(with_events, make_user):
    event = with_events(1, days=10)[0]
    visitor, member = Client(), Client()
    member.force_login(make_user())
    assert 'name="email"' in visitor.get(event.url).content.decode()
    html = member.get(event.url).content.decode()
    assert 'name="email"' not in html and 'name="sessions"' in html
    assert 'name="email"' in visitor.get(event.url).content.decode()
    # A posted form with errors shows the visitor's input; the next visitor gets a blank form.
    response = visitor.post(event.register_url, {"name": "Vera Jansen", "email": "geen-adres"})
    assert response.status_code == 400
    assert 'value="Vera Jansen"' in response.content.decode()
    html = Client().get(event.url).content.decode()
    assert "Vera Jansen" not in html and 'name="email"' in html


def test_a_full_event_offers_the_waitlist_from_its_kept_programme(
    client, make_event, make_user, captured
):
    event = make_event(capacity=1)
    assert "Aanmelden</button>" in client.get(event.url).content.decode()
    captured(services.registration_create, event=event, user=make_user())
    html = client.get(event.url).content.decode()
    assert "0 van 1 plaatsen vrij" in html and "Op de wachtlijst</button>" in html
    assert "De bijeenkomst is vol." in html


def test_a_cancellation_and_a_promotion_from_the_waitlist_renew_what_is_kept(
    make_event, make_user, captured
):
    """The programme, the free places and the form's button are kept per registration
    change; what each member sees of their own registration never is."""
    event = make_event(capacity=1)
    first, second = make_user(), make_user()
    clients = {}
    for user in (first, second, make_user()):
        clients[user] = Client()
        clients[user].force_login(user)
    third = list(clients)[2]
    one = captured(services.registration_create, event=event, user=first)
    other = captured(services.registration_create, event=event, user=second)
    html = clients[third].get(event.url).content.decode()
    assert "0 van 1 plaatsen vrij" in html and "Op de wachtlijst</button>" in html
    assert "Je staat op de wachtlijst." in clients[second].get(event.url).content.decode()

    captured(services.registration_cancel, registration=one)  # the waitlist moves up
    html = clients[second].get(event.url).content.decode()
    assert "Je bent aangemeld." in html and "Je staat op de wachtlijst." not in html
    html = clients[first].get(event.url).content.decode()
    assert "0 van 1 plaatsen vrij" in html and "Op de wachtlijst</button>" in html
    assert "Je bent aangemeld." not in html

    other.refresh_from_db()
    captured(services.registration_cancel, registration=other)  # now a place is free
    for user in (first, third):
        html = clients[user].get(event.url).content.decode()
        assert "1 van 1 plaats vrij" in html and "Aanmelden</button>" in html
        assert "De bijeenkomst is vol." not in html
    html = Client().get(event.url).content.decode()
    assert "1 van 1 plaats vrij" in html and 'name="email"' in html
