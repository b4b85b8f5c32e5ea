import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from route2020.core.demo.load import child
from route2020.news.models import NewsIndexPage, NewsItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home):
    index = child(home, NewsIndexPage, "nieuws", title="Nieuws")
    items = [
        ("Bibliotheken werken samen met het onderwijs", "Taalhuis en leesbevordering."),
        ("Campagne Glansrijk voor eindexamenkandidaten", "Online media-inzet landelijk."),
    ] + [(f"Verslag regiobijeenkomst {n}", "Over de proeftuinen in de regio.") for n in range(12)]
    for number, (title, intro) in enumerate(items):
        item = NewsItemPage(
            title=title,
            slug=f"bericht-{number}",
            intro=intro,
            date=datetime.date(2017, 1, 1) + datetime.timedelta(days=number),
        )
        index.add_child(instance=item)
        item.save_revision().publish()
    call_command("update_index", verbosity=0)
    return index


def test_finds_a_page_and_keeps_the_query_in_the_box(news, client):
    html = client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    assert "Campagne Glansrijk voor eindexamenkandidaten" in html
    assert 'value="Glansrijk"' in html
    assert "1 resultaat voor" in html


def test_results_are_paginated_and_the_next_page_keeps_the_query(news, client):
    html = client.get("/zoeken/", {"q": "regiobijeenkomst"}).content.decode()
    assert "12 resultaten voor" in html
    assert html.count('class="r2020-card"') == 10
    assert 'href="?q=regiobijeenkomst&amp;pagina=2"' in html
    page2 = client.get("/zoeken/", {"q": "regiobijeenkomst", "pagina": "2"}).content.decode()
    assert page2.count('class="r2020-card"') == 2


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "'; DROP TABLE x; --", "a" * 5000, "\x00", "bibliotheek" * 40, "(((", "*"],
)
def test_empty_or_absurd_queries_give_a_friendly_page(news, client, query):
    response = client.get("/zoeken/", {"q": query, "pagina": "abc"})
    assert response.status_code == 200
    assert "Zoeken" in response.content.decode()


def test_page_number_out_of_range_shows_the_last_page(news, client):
    response = client.get("/zoeken/", {"q": "regiobijeenkomst", "pagina": "999"})
    assert response.status_code == 200
    assert response.content.decode().count('class="r2020-card"') == 2


def test_unpublished_pages_are_not_found(news, client):
    NewsItemPage.objects.get(slug="bericht-1").unpublish()
    html = client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    assert "Niets gevonden" in html


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_dutch_stemming_finds_plural_from_singular(news, client):
    html = client.get("/zoeken/", {"q": "bibliotheek"}).content.decode()
    assert "Bibliotheken werken samen met het onderwijs" in html
