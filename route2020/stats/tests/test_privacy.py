"""The statistics id of the browser someone asks from is in their export, and goes — with
the cookies — when they delete their account from it."""

import pytest

from route2020.stats.models import Visitor

pytestmark = pytest.mark.django_db


def test_the_export_holds_this_browsers_statistics_id(home, consenting_client, make_user, flush):
    consenting_client.get("/")
    flush()
    statistics_id = consenting_client.cookies["r2020_statistiek"].value
    consenting_client.force_login(make_user())
    data = consenting_client.get("/account/gegevens/").json()["statistiek"]
    assert data["antwoord op de cookievraag"] == "ja"
    assert data["statistiek-id (cookie in deze browser)"] == statistics_id
    assert data["eerste bezoek"] == Visitor.objects.get().first_seen.isoformat()


def test_without_ja_the_export_says_so(home, client, make_user):
    client.force_login(make_user())
    data = client.get("/account/gegevens/").json()["statistiek"]
    assert data["antwoord op de cookievraag"] is None
    assert data["statistiek-id (cookie in deze browser)"] is None


def test_deleting_the_account_forgets_the_statistics_id_and_its_cookies(
    home, consenting_client, make_user, flush
):
    consenting_client.get("/")
    flush()
    assert Visitor.objects.count() == 1
    consenting_client.force_login(make_user())
    consenting_client.get("/nieuws/")  # still in the cache when the account goes
    response = consenting_client.post("/account/verwijderen/", {"confirm": "verwijder"})
    assert response.cookies["r2020_statistiek"]["max-age"] == 0
    assert response.cookies["r2020_cookies"]["max-age"] == 0
    flush()
    assert not Visitor.objects.exists()
