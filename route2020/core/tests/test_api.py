"""Organisations and provinces in the public API: public fields only, never people."""

import pytest

from route2020.core.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/api/v1/organisations/"


def test_organisations_with_their_place_and_never_their_people(
    client, make_organisation, make_user
):
    library = make_organisation(
        name="Stadkamer Zwolle", municipality="Zwolle", latitude="52.51240", longitude="6.09440"
    )
    make_organisation(
        name="KB", kind=Organisation.Kind.PARTNER, partner_type="kb", province_code=None
    )
    make_user(organisation=library, email="medewerker@stadkamer.example", first_name="Sanne")
    rows = client.get(URL).json()["results"]
    assert [row["name"] for row in rows] == ["KB", "Stadkamer Zwolle"]
    zwolle = rows[1]
    assert zwolle["province"] == {"slug": "overijssel", "name": "Overijssel", "code": "PV23"}
    assert zwolle["latitude"] == 52.5124 and zwolle["longitude"] == 6.0944
    assert [row["name"] for row in client.get(URL, {"soort": "partner"}).json()["results"]] == [
        "KB"
    ]
    text = client.get(URL).content.decode() + client.get(f"{URL}{library.pk}/").content.decode()
    assert "medewerker@stadkamer.example" not in text and "Sanne" not in text


def test_provinces_are_the_values_of_the_province_filters(client, make_organisation):
    make_organisation()
    provinces = client.get("/api/v1/provinces/").json()
    assert len(provinces) == 12
    assert {"slug": "drenthe", "name": "Drenthe", "code": "PV22"} in provinces


def test_queries_per_page_are_fixed(client, make_organisation, django_assert_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    for size in (1, 7):
        while Organisation.objects.count() < size:
            make_organisation()
        client.get(URL)
        with django_assert_num_queries(1):
            assert len(client.get(URL, {"page_size": 50}).json()["results"]) == size
