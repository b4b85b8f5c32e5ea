"""Membership of an organisation is a request that the office or the province's regiogids
confirms or declines (issue 11, finding 1)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from route2020.core import permissions, roles, services
from route2020.core.models import MembershipRequest, User

pytestmark = pytest.mark.django_db

PROFILE = {"first_name": "Noor", "last_name": "Nieuw", "job_title": "", "language": "nl"}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a call, then what it queued for after its commit (the mails)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def library(make_organisation):
    return make_organisation("Bibliotheek Kampen", province_code="PV23")


@pytest.fixture
def person(make_user):
    return make_user(role=None, email="noor@kampen.example")


@pytest.fixture
def guide(make_user):
    return make_user(role=roles.GUIDE, provinces=["PV23"], email="gids@example.org")


def test_signup_with_an_organisation_is_a_request_that_grants_nothing(home, client, library):
    client.post(
        "/account/signup/",
        {
            "email": "nieuw@kampen.example",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
            "first_name": "Noor",
            "last_name": "Nieuw",
            "organisation": library.pk,
        },
    )
    user = User.objects.get(email="nieuw@kampen.example")
    assert user.organisation_id is None
    assert permissions.confirmed_organisation(user) is None
    assert user.membership_requests.get().organisation == library


def test_the_profile_shows_the_open_request_and_keeps_it_chosen(home, client, person, library):
    client.force_login(person)
    client.post("/account/profiel/", dict(PROFILE, organisation=library.pk))
    page = client.get("/account/profiel/").content.decode()
    assert "wacht" in page or "bevestigt dat" in page
    assert f'<option value="{library.pk}" selected>' in page


def test_a_guide_of_the_province_confirms_and_the_person_gets_a_mail_in_their_language(
    home, client, person, guide, library, mailoutbox, committed
):
    person.language = "en"
    person.save()
    request = committed(services.membership_request, user=person, organisation=library)
    # The guide of the province is told there is something to confirm.
    assert [mail.to for mail in mailoutbox] == [["gids@example.org"]]
    client.force_login(guide)
    queue = client.get("/account/lidmaatschappen/")
    assert "noor@kampen.example" in queue.content.decode()
    response = committed(
        client.post, f"/account/lidmaatschappen/{request.pk}/", {"bevestigen": "1"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert permissions.confirmed_organisation(person) == library
    assert roles.MEMBER in User.objects.get(pk=person.pk).role_names
    decision = mailoutbox[-1]
    assert decision.to == ["noor@kampen.example"]
    assert "Bibliotheek Kampen" in decision.subject
    assert "/en/account/profiel/" in decision.body


def test_declining_needs_a_reason_that_the_person_sees(
    home, client, person, guide, library, mailoutbox, committed
):
    request = services.membership_request(user=person, organisation=library)
    client.force_login(guide)
    url = f"/account/lidmaatschappen/{request.pk}/"
    empty = client.post(url, {"afwijzen": "1", "reason": ""})
    assert empty.status_code == 400
    assert "Dit is een verplicht veld." in empty.content.decode()
    assert MembershipRequest.objects.get().state == "aangevraagd"
    committed(client.post, url, {"afwijzen": "1", "reason": "Dit adres hoort niet bij Kampen."})
    assert MembershipRequest.objects.get().state == "afgewezen"
    assert "Dit adres hoort niet bij Kampen." in mailoutbox[-1].body
    own = Client()
    own.force_login(person)
    assert "Dit adres hoort niet bij Kampen." in own.get("/account/profiel/").content.decode()
    assert permissions.confirmed_organisation(User.objects.get(pk=person.pk)) is None


def test_a_guide_of_another_province_a_member_and_the_person_may_not_decide(
    home, client, person, library, make_user
):
    request = services.membership_request(user=person, organisation=library)
    outsider = make_user(role=roles.GUIDE, provinces=["PV20"])
    member = make_user()
    client.force_login(outsider)
    assert client.get("/account/lidmaatschappen/").status_code == 200
    assert "noor@kampen.example" not in client.get("/account/lidmaatschappen/").content.decode()
    assert (
        client.post(f"/account/lidmaatschappen/{request.pk}/", {"bevestigen": "1"}).status_code
        == 404
    )
    client.force_login(member)
    assert client.get("/account/lidmaatschappen/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.membership_confirm(membership_request=request, user=person)
    assert MembershipRequest.objects.get().state == "aangevraagd"


def test_a_guide_cannot_confirm_their_own_request(home, guide, library):
    request = services.membership_request(user=guide, organisation=library)
    with pytest.raises(PermissionDenied):
        services.membership_confirm(membership_request=request, user=guide)


def test_the_office_decides_every_request(home, person, make_user, make_organisation):
    partner = make_organisation("KB", province_code=None)
    editor = make_user(role=roles.EDITOR)
    request = services.membership_request(user=person, organisation=partner)
    services.membership_confirm(membership_request=request, user=editor)
    assert User.objects.get(pk=person.pk).organisation == partner


def test_a_new_request_replaces_the_open_one(home, person, library, make_organisation):
    services.membership_request(user=person, organisation=library)
    other = make_organisation()
    services.membership_request(user=person, organisation=other)
    states = dict(person.membership_requests.values_list("organisation_id", "state"))
    assert states == {library.pk: "ingetrokken", other.pk: "aangevraagd"}


def test_the_queue_costs_the_same_queries_at_two_sizes(
    home, client, guide, library, make_user, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            services.membership_request(user=make_user(role=None), organisation=library)

    client.force_login(guide)
    add(2)
    client.get("/account/lidmaatschappen/")
    # The page's count and rows; the session and the guide come from the cache and memo.
    with django_assert_num_queries(2) as small:
        client.get("/account/lidmaatschappen/")
    small_count = len(small.captured_queries)
    add(20)
    client.get("/account/lidmaatschappen/")  # new people: the kept guide is read once again
    with django_assert_num_queries(small_count):
        client.get("/account/lidmaatschappen/")


def test_profile_and_data_export_are_never_cached(home, client, person):
    client.force_login(person)
    for url in ("/account/profiel/", "/account/gegevens/", "/account/verwijderen/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url
