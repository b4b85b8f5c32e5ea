"""Practices in the public API: the listing's filters and search, the how, the failures,
the adoptions; never a contact person, a draft or a restricted practice."""

import json

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from route2020.practices import services
from route2020.practices.models import LogbookEntry

pytestmark = pytest.mark.django_db
URL = "/api/v1/practices/"


def titles(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_published_public_practices_only_and_never_a_contact(client, make_practice, home):
    shown = make_practice(title="Taalcafé", contact_phone="06-11112222")
    make_practice(title="Concept", publish=False)
    hidden = make_practice(title="Achter een wachtwoord")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    body = client.get(URL).content.decode() + client.get(f"{URL}{shown.pk}/").content.decode()
    assert titles(client) == ["Taalcafé"]
    for secret in ("Anna de Vries", "anna@bieb.example", "06-11112222", "contact"):
        assert secret not in body
    assert client.get(f"{URL}{hidden.pk}/").status_code == 404


def test_unpublished_practice_is_not_found(client, make_practice):
    draft = make_practice(title="Concept", publish=False)
    assert client.get(f"{URL}{draft.pk}/").status_code == 404


def test_a_summary_has_what_the_card_shows(client, make_practice, themes):
    practice = make_practice(title="Makerspace", kind="proeftuin", status="lopend")
    row = client.get(URL).json()["results"][0]
    assert row["id"] == practice.pk
    assert row["url"] == "http://testserver/praktijkvoorbeelden/voorleesontbijt-1/".replace(
        "voorleesontbijt-1", practice.slug
    )
    assert row["kind"] == "proeftuin"
    assert row["themes"] == [
        {"slug": themes[0].slug, "title": themes[0].title, "label": "Persoonlijke ontwikkeling"}
    ]
    assert row["province"] == {"slug": "overijssel", "name": "Overijssel", "code": "PV23"}
    assert row["organisation"]["name"].startswith("Bibliotheek Teststad")


def test_detail_has_the_how_the_failures_and_the_adoptions(
    client, make_practice, make_user, make_organisation
):
    practice = make_practice(
        title="Taalcafé",
        kind="proeftuin",
        status="gestopt",
        what_did_not_work="Te weinig vrijwilligers.",
        budget_euros=2500,
    )
    adopter = make_organisation(name="Bibliotheek Assen")
    services.adoption_create(
        practice=practice, user=make_user(organisation=adopter), how_it_went="Goed gegaan."
    )
    LogbookEntry.objects.create(practice=practice, text="Eerste avond: twaalf mensen.")
    practice.participants = [adopter]
    practice.save_revision().publish()
    data = client.get(f"{URL}{practice.pk}/").json()
    assert [organisation["name"] for organisation in data["participants"]] == ["Bibliotheek Assen"]
    assert data["steps"] == [{"title": "Scholen benaderen", "description": "Bel de directeur."}]
    assert data["partners"] == [{"type": "onderwijs", "name": "Partner onderwijs"}]
    assert data["what_did_not_work"] == "Te weinig vrijwilligers."
    assert data["has_failures"] is True
    assert data["means"]["budget_euros"] == 2500
    assert data["adoption_count"] == 1
    [adoption] = data["adoptions"]
    assert adoption["organisation"]["name"] == "Bibliotheek Assen"
    assert adoption["how_it_went"] == "Goed gegaan."
    assert data["logbook"][0]["text"] == "Eerste avond: twaalf mensen."
    # The adopting person is not part of it, only their library.
    assert "user" not in json.dumps(data["adoptions"])


def test_filters_match_the_listing(client, make_practice, make_organisation, themes, make_user):
    drenthe = make_organisation(province_code="PV22")
    make_practice(title="Alpha", organisation=drenthe, theme=themes[1], partners=("gemeente",))
    beta = make_practice(title="Beta", status="gestopt", what_did_not_work="Geen publiek.")
    make_practice(title="Gamma", kind="proeftuin", status="lopend")
    services.adoption_create(practice=beta, user=make_user(), how_it_went="Goed")
    assert titles(client, provincie="drenthe") == ["Alpha"]
    assert titles(client, thema=themes[1].slug, partner="gemeente") == ["Alpha"]
    assert titles(client, soort="proeftuin", status="lopend") == ["Gamma"]
    assert titles(client, mislukt="1") == ["Beta"]
    assert titles(client, overgenomen="true") == ["Beta"]
    assert titles(client, sort="meest-overgenomen")[0] == "Beta"
    assert titles(client, provincie="atlantis") == []
    assert titles(client, thema="bestaat-niet") == []


def test_search_is_the_listing_search(client, make_practice):
    make_practice(title="Voorleesontbijt voor peuters")
    make_practice(title="Repaircafé", summary="Samen spullen repareren in de bibliotheek.")
    assert titles(client, q="repareren") == ["Repaircafé"]
    assert titles(client, q="repareren", soort="proeftuin") == []


def test_search_results_are_paged_by_position(client, make_practice):
    for number in range(5):
        make_practice(title=f"Repaircafé {number}", summary="Samen spullen repareren.")
    seen, url = [], f"{URL}?q=repareren&page_size=2&sort=nieuwste"
    while url:
        data = client.get(url).json()
        seen.extend(row["title"] for row in data["results"])
        url = data["next"]
    assert seen == [f"Repaircafé {number}" for number in reversed(range(5))]


def test_most_adopted_pages_through_ties(client, make_practice, make_user):
    practices = [make_practice(title=f"P{number}") for number in range(5)]
    for practice in practices[1:3]:
        services.adoption_create(practice=practice, user=make_user(), how_it_went="Goed")
    seen, url = [], f"{URL}?sort=meest-overgenomen&page_size=2"
    while url:
        data = client.get(url).json()
        seen.extend(row["title"] for row in data["results"])
        url = data["next"]
    assert seen == ["P2", "P1", "P4", "P3", "P0"]


def list_queries(client, django_assert_num_queries, count, **params):
    cache.clear()
    client.get(URL, params)  # site, restrictions and generation counters into the cache
    with django_assert_num_queries(count):
        response = client.get(URL, {**params, "page_size": 50})
    return len(response.json()["results"])


@pytest.mark.parametrize(
    "params, queries",
    [
        ({}, 2),
        ({"provincie": "overijssel", "thema": "persoonlijke-ontwikkeling"}, 2),
        ({"sort": "meest-overgenomen", "soort": "praktijkvoorbeeld"}, 2),
    ],
)
def test_queries_per_page_are_fixed(
    client, make_practice, django_assert_num_queries, settings, params, queries
):
    """The page's rows and their themes, at any size and with filters: the themes' and
    provinces' slugs of a filter are kept per content generation."""
    settings.PAGE_CACHE_ENABLED = False
    make_practice()
    assert list_queries(client, django_assert_num_queries, queries, **params) == 1
    for _ in range(11):
        make_practice()
    assert list_queries(client, django_assert_num_queries, queries, **params) == 12


def test_detail_queries_do_not_grow_with_adoptions(
    client, make_practice, make_user, django_assert_num_queries, settings
):
    """The practice, its themes, participants, steps, partners and adoptions."""
    settings.PAGE_CACHE_ENABLED = False
    practice = make_practice()
    url = f"{URL}{practice.pk}/"
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    for _ in range(4):
        services.adoption_create(practice=practice, user=make_user(), how_it_went="Goed")
    client.get(url)
    with django_assert_num_queries(6):
        assert len(client.get(url).json()["adoptions"]) == 4
