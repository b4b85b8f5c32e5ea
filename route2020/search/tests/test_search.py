import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from route2020.core.pages import child
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


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("bibliotheek", "Bibliotheken werken samen met het onderwijs"),
        ("bibliotheken", "Bibliotheken werken samen met het onderwijs"),
        ("taalhuizen", "Bibliotheken werken samen met het onderwijs"),  # the intro: Taalhuis
        ("campagnes", "Campagne Glansrijk voor eindexamenkandidaten"),
        ("verslag regiobijeenkomsten", "Verslag regiobijeenkomst 1"),
    ],
)
def test_dutch_stemming_on_every_database(news, client, query, found):
    """Singular finds plural and the other way round, on SQLite too (Snowball's Dutch stems at
    index and query time), not only with PostgreSQL's dutch configuration."""
    html = client.get("/zoeken/", {"q": query}).content.decode()
    assert found in html, query


def test_taalhuis_finds_taalhuizen(news, client):
    item = NewsItemPage(
        title="Taalhuizen in Overijssel",
        slug="taalhuizen",
        intro="",
        date=datetime.date(2018, 1, 1),
    )
    news.add_child(instance=item)
    item.save_revision().publish()
    html = client.get("/zoeken/", {"q": "taalhuis"}).content.decode()
    assert "Taalhuizen in Overijssel" in html
    assert "Bibliotheken werken samen met het onderwijs" in html


def test_stop_words_do_not_have_to_occur(news, client):
    html = client.get("/zoeken/", {"q": "de campagne van Glansrijk"}).content.decode()
    assert "Campagne Glansrijk voor eindexamenkandidaten" in html


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


def test_every_word_must_occur_best_match_first(news, client):
    """One rule for /zoeken/ and the practice listing: all words (AND), best first."""
    add_news(news, 3, "Campagne")
    html = client.get("/zoeken/", {"q": "campagne Glansrijk"}).content.decode()
    assert "1 resultaat voor" in html
    assert "Campagne Glansrijk voor eindexamenkandidaten" in html
    html = client.get("/zoeken/", {"q": "campagne"}).content.decode()
    assert "4 resultaten" in html


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

    from route2020.search.backend import _index_table, _postgres_sql, page_content_type_ids

    sql, params = _postgres_sql(["bibliotheek"], page_content_type_ids(), 10)
    table = _index_table()
    with conn.cursor() as cursor:
        # On a small table the planner may prefer a B-tree on the content type (plain, or the
        # unique one with the object id); what is asserted is that the match expression is the
        # GIN index's, so leave only that index and the primary key, with the table's real
        # statistics (the test's transaction rolls all of it back).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger blocks the ALTER
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname <> %s"
            " AND indexname NOT LIKE '%%_pkey'",
            [table, "site_search_title_body_gin"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(f'ANALYZE "{table}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "site_search_title_body_gin" in plan


def add_volunteer_news(index, count):
    """`count` items with "vrijwilligers" in the intro only, then one with it in the title,
    the last one written, so not among the first body matches a capped scan reads."""
    from django.db.models import F
    from wagtail.search.models import IndexEntry

    for number in range(count):
        item = NewsItemPage(
            title=f"Leesclub {number}",
            slug=f"leesclub-{number}",
            intro="Vrijwilligers lezen voor.",
            date=datetime.date(2019, 1, 1),
        )
        index.add_child(instance=item)
        item.save_revision().publish()
    item = NewsItemPage(
        title="Vrijwilligers gezocht voor de leesclub",
        slug="vrijwilligers-gezocht",
        intro="Vrijwilligers lezen voor; kom je ook?",
        date=datetime.date(2019, 1, 1),
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    call_command("update_index", verbosity=0)
    # Write its index entry once more: PostgreSQL stores the new row version after the
    # others, so a scan reads the body matches first, as it would among thousands.
    IndexEntry.objects.filter(object_id=str(item.pk)).update(title_norm=F("title_norm"))
    return item


def test_a_common_word_still_finds_the_title_match_first_and_every_match(news, monkeypatch):
    """With the candidate caps far below the matches (PostgreSQL ranks only a bounded set),
    the page with the word in its title still comes first and no match is lost."""
    from route2020.search import backend

    monkeypatch.setattr(backend, "CANDIDATES", 3)
    monkeypatch.setattr(backend, "TITLE_CANDIDATES", 2)
    titled = add_volunteer_news(news, 12)
    assert backend.ranked_page_ids("vrijwilligers", limit=2)[0] == titled.pk
    ids = backend.ranked_page_ids("vrijwilligers")  # a limit above the cap: ranks that many
    assert ids[0] == titled.pk
    assert len(ids) == 13


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQLite path is unchanged")
def test_postgres_ranks_a_capped_candidate_set(news, monkeypatch):
    """Every step of the plan above the index scans handles at most the capped candidates
    (title matches plus title-or-body matches), however many rows match."""
    import json

    from django.db import connection as conn

    from route2020.search import backend

    monkeypatch.setattr(backend, "CANDIDATES", 3)
    monkeypatch.setattr(backend, "TITLE_CANDIDATES", 2)
    add_volunteer_news(news, 12)
    sql, params = backend._postgres_sql(["vrijwil"], backend.page_content_type_ids(), 2)
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM " + backend._index_table() + " WHERE (title || body)"
            " @@ plainto_tsquery(%s::regconfig, 'vrijwil')",
            [backend.postgres_config()],
        )
        assert cursor.fetchone()[0] == 13
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def nodes(node):
        yield node
        for below in node.get("Plans", []):
            yield from nodes(below)

    rows = [
        (node["Node Type"], node["Actual Rows"])
        for node in nodes(plan[0]["Plan"])
        if not node["Node Type"].startswith("Bitmap")  # bitmaps of the index: not ranked
    ]
    assert rows and max(count for _kind, count in rows) <= 2 + 3, rows


def test_index_in_bulk_indexes_pages_written_past_the_signals(news, client):
    from wagtail.search.models import IndexEntry

    from route2020.search.indexing import index_in_bulk

    IndexEntry.objects.all().delete()  # what a bulk insert leaves: nothing indexed
    index_in_bulk(NewsItemPage, NewsItemPage.objects.order_by("pk"), batch_size=5)
    html = client.get("/zoeken/", {"q": "regiobijeenkomst"}).content.decode()
    assert "12 resultaten voor" in html  # the last, partial batch too


def test_with_an_external_search_engine_the_configured_backend_ranks(settings, monkeypatch):
    """SEARCH_BACKEND=opensearch: the database holds no index, Wagtail's backend answers."""
    from route2020.search import backend

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.opensearch3", "URLS": ["http://x:9200"]}
    }
    asked = []
    monkeypatch.setattr(
        backend, "_fallback_ids", lambda query, types, limit: asked.append(query) or [7]
    )
    assert backend.ranked_page_ids("bibliotheken leesbevordering") == [7]
    assert asked == ["bibliotheken leesbevordering"]


def test_english_search_finds_sections_by_their_english_names(news, client):
    """/en/zoeken/ finds the news section by the English menu's name for it."""
    html = client.get("/en/zoeken/", {"q": "news"}).content.decode()
    assert 'href="/en/nieuws/"' in html or 'href="/nieuws/"' in html
    news.show_in_menus = True
    news.save_revision().publish()
    html = client.get("/en/").content.decode()
    nav = html[
        html.index('class="r2020-nav"') : html.index("</nav>", html.index('class="r2020-nav"'))
    ]
    assert ">News</a>" in nav and ">Nieuws</a>" not in nav
    nav_nl = client.get("/").content.decode()
    assert ">Nieuws</a>" in nav_nl
