"""Reisflitsen in the public API: only the issues the archive shows; never a subscriber."""

import pytest

from route2020.newsletter.tests.conftest import mark_sent

pytestmark = pytest.mark.django_db
URL = "/api/v1/newsletters/"


def test_only_issues_whose_sending_started(client, make_issue, news_items, make_subscriber):
    make_subscriber(email="abonnee@bieb.example", name="Els Abonnee")
    old = make_issue(title="Oktober", items=news_items[:1])
    mark_sent(old, days_ago=30)
    new = make_issue(title="November", intro="Het congres.")
    mark_sent(new)
    make_issue(title="Nog niet verstuurd")
    make_issue(title="Concept", live=False)
    rows = client.get(URL).json()["results"]
    assert [row["title"] for row in rows] == ["November", "Oktober"]
    assert rows[0]["intro"] == "Het congres."
    detail = client.get(f"{URL}{old.pk}/").json()
    assert detail["items"] == [
        {
            "kind": "news",
            "title": "Nieuwsbericht 1",
            "text": "Inleiding van bericht 1.",
            "url": "http://testserver/nieuws/nieuws-1/",
        }
    ]
    body = client.get(URL).content.decode() + client.get(f"{URL}{old.pk}/").content.decode()
    assert "abonnee@bieb.example" not in body and "Els Abonnee" not in body


def test_an_unsent_issue_is_not_found(client, make_issue):
    issue = make_issue(title="Nog niet verstuurd")
    assert client.get(f"{URL}{issue.pk}/").status_code == 404


def test_queries_per_page_are_fixed(client, make_issue, django_assert_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    for size in (1, 4):
        while len(client.get(URL).json()["results"]) < size:
            mark_sent(make_issue())
        with django_assert_num_queries(1):
            assert len(client.get(URL).json()["results"]) == size
