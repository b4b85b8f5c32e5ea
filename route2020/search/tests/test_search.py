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


def test_a_repeated_query_is_not_matched_again_until_a_publish(news, client):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    assert "Campagne Glansrijk" in client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    with CaptureQueriesContext(conn) as captured:
        html = client.get("/zoeken/", {"q": "glansrijk"}).content.decode()
    assert "Campagne Glansrijk" in html
    assert not [q for q in captured.captured_queries if "indexentry" in q["sql"]]
    NewsItemPage.objects.get(slug="bericht-1").unpublish()
    assert "Niets gevonden" in client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()


def test_unpublished_pages_are_not_found(news, client):
    NewsItemPage.objects.get(slug="bericht-1").unpublish()
    html = client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    assert "Niets gevonden" in html


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_dutch_stemming_finds_plural_from_singular(news, client):
    html = client.get("/zoeken/", {"q": "bibliotheek"}).content.decode()
    assert "Bibliotheken werken samen met het onderwijs" in html


def add_news(index, count, word):
    for number in range(count):
        item = NewsItemPage(
            title=f"{word} {number}",
            slug=f"{word.lower()}-{number}",
            intro="Over de proeftuinen.",
            date=datetime.date(2018, 1, 1),
        )
        index.add_child(instance=item)
        item.save_revision().publish()
    call_command("update_index", verbosity=0)


@pytest.mark.parametrize("count", [5, 50])
def test_search_runs_a_fixed_number_of_queries(news, client, count, django_assert_max_num_queries):
    add_news(news, count, "Zwerfboekenkast")
    client.get("/zoeken/", {"q": "Zwerfboekenkast"})  # warm the navigation and site caches
    # match, visible ids, the pages, their specific rows (one type); nothing per result and
    # no Site lookup for the result URLs
    with django_assert_max_num_queries(4) as captured:
        html = client.get("/zoeken/", {"q": "Zwerfboekenkast"}).content.decode()
    assert f"{count} resultat" in html
    assert html.count('class="r2020-card"') == min(count, 10)
    assert not [q for q in captured.captured_queries if "wagtailcore_site" in q["sql"]]


def test_result_links_go_to_the_page_and_show_its_type(news, client):
    html = client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    assert 'href="/nieuws/bericht-1/"' in html
    assert "Nieuwsbericht" in html or "nieuws" in html.lower()


def test_best_match_comes_first(news, client):
    add_news(news, 3, "Campagne")
    html = client.get("/zoeken/", {"q": "campagne Glansrijk"}).content.decode()
    assert "4 resultaten" in html
    assert html.index("Campagne Glansrijk voor eindexamenkandidaten") < html.index("Campagne 0")


def test_restricted_pages_are_not_found(news, client):
    from wagtail.models import PageViewRestriction

    page = NewsItemPage.objects.get(slug="bericht-1")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    html = client.get("/zoeken/", {"q": "Glansrijk"}).content.decode()
    assert "Niets gevonden" in html


def test_many_matches_are_capped_and_said_so(news, client, monkeypatch):
    from route2020.search import views

    monkeypatch.setattr(views, "MAX_MATCHES", 5)
    monkeypatch.setattr(
        views,
        "ranked_page_ids",
        lambda query: __import__("route2020.search.backend", fromlist=["x"]).ranked_page_ids(
            query, limit=5
        ),
    )
    html = client.get("/zoeken/", {"q": "regiobijeenkomst"}).content.decode()
    assert "De 5 beste resultaten voor" in html
    assert html.count('class="r2020-card"') == 5


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgres_match_uses_the_title_body_index(news):
    from django.db import connection as conn

    from route2020.search.backend import postgres_matches

    matches, _query = postgres_matches(["bibliotheek"])
    sql, params = matches.values("id").query.sql_with_params()
    with conn.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "site_search_title_body_gin" in plan


def test_index_in_bulk_indexes_pages_written_past_the_signals(news, client):
    from wagtail.search.models import IndexEntry

    from route2020.search.indexing import index_in_bulk

    IndexEntry.objects.all().delete()  # what a bulk insert leaves: nothing indexed
    index_in_bulk(NewsItemPage, NewsItemPage.objects.order_by("pk"), batch_size=5)
    html = client.get("/zoeken/", {"q": "regiobijeenkomst"}).content.decode()
    assert "12 resultaten voor" in html  # the last, partial batch too
