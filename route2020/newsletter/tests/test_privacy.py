"""A subscription to the Reisflitsen under a person's confirmed address is in their export
and goes when they delete their account."""

import pytest

from route2020.newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_subscription_of_the_same_address(make_user, make_subscriber, client):
    user = make_user(email="lid@example.org")
    make_subscriber(email="LID@example.org", name="Lid", organisation="Bieb")
    make_subscriber(email="ander@example.org", name="Ander")
    client.force_login(user)
    (subscription,) = client.get("/account/gegevens/").json()["reisflitsen"]
    assert subscription["naam"] == "Lid" and subscription["organisatie"] == "Bieb"
    assert subscription["status"] == "aangemeld"


def test_no_subscription_no_entry(make_user, client):
    client.force_login(make_user())
    assert "reisflitsen" not in client.get("/account/gegevens/").json()


def test_deleting_the_account_deletes_the_subscription(make_user, make_subscriber, client):
    user = make_user(email="lid@example.org")
    make_subscriber(email="Lid@Example.org")
    kept = make_subscriber(email="ander@example.org")
    client.force_login(user)
    client.post("/account/verwijderen/", {"confirm": "verwijder"})
    assert list(Subscriber.objects.all()) == [kept]


def test_an_unconfirmed_address_is_not_theirs(make_user, make_subscriber, client):
    from allauth.account.models import EmailAddress

    user = make_user(email="lid@example.org")
    EmailAddress.objects.create(user=user, email="niet-bevestigd@example.org", verified=False)
    make_subscriber(email="niet-bevestigd@example.org")
    client.force_login(user)
    assert "reisflitsen" not in client.get("/account/gegevens/").json()
    client.post("/account/verwijderen/", {"confirm": "verwijder"})
    assert Subscriber.objects.count() == 1
