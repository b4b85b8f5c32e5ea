"""The practices a session presents are chosen by searching, not from a list of them all:
the event's edit page costs the same at 5 and at 100,000 practices."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from route2020.core.tests.factories import PASSWORD
from route2020.events.models import EventPage

from .test_office import event_form_data

# The office's event form publishes at once: without the approval workflow.
pytestmark = pytest.mark.usefixtures("without_workflow")

SEARCH_URL = "/beheer/bijeenkomsten/praktijkvoorbeelden-zoeken/"


@pytest.fixture
def editor_client(client, make_user):
    editor = make_user(role="Redactie")
    assert client.login(username=editor.username, password=PASSWORD)
    return client


def render_edit_page(client, event):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/beheer/pages/{event.pk}/edit/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_edit_page_queries_do_not_grow_with_the_number_of_practices(
    editor_client, make_event, make_practices
):
    event = make_event(sessions=[("Parel", 1, 1, None), ("Workshop", 3, 1, None)])
    chosen = make_practices("Gekozen: Taalhuis", "Gekozen: Voorleesontbijt")
    others = make_practices(*[f"Niet gekozen {number:03}" for number in range(3)])
    parel = event.sessions.get(title="Parel")
    parel.practices.set(chosen)
    parel.save()
    render_edit_page(editor_client, event)  # warm the caches of the first request
    with_5, html = render_edit_page(editor_client, event)
    others += make_practices(*[f"Niet gekozen {number:03}" for number in range(3, 198)])
    with_200, html = render_edit_page(editor_client, event)
    assert with_5 == with_200
    assert "Gekozen: Taalhuis" in html and "Gekozen: Voorleesontbijt" in html
    assert not any(page.title in html for page in others)
    # Only the two chosen practices are in the form, as checked checkboxes.
    assert len(re.findall(r'name="sessions-\d+-practices"', html)) == 2
    for page in chosen:
        assert f'name="sessions-0-practices" value="{page.pk}" checked' in html


@pytest.mark.django_db
def test_new_sessions_get_the_chooser_with_its_script(editor_client, make_event):
    event = make_event(sessions=[("Parel", 1, 1, None)])
    html = render_edit_page(editor_client, event)[1]
    # The form behind "Sessie toevoegen" carries the controller with a prefix to replace.
    assert 'data-r2020-practice-chooser-name-value="sessions-__prefix__-practices"' in html
    assert f'data-r2020-practice-chooser-url-value="{SEARCH_URL}"' in html
    assert "events/admin/practice-chooser.js" in html


@pytest.mark.django_db
def test_search_finds_published_practices_by_title_only(editor_client, home, make_practices):
    from route2020.core.models import ContentPage
    from route2020.core.pages import child

    b, a = make_practices("Taalhuis Bussum", "Taalhuis Amersfoort")
    make_practices("Taalhuis in voorbereiding", live=False)
    make_practices("Voorleesontbijt")
    child(home, ContentPage, "taalhuis-info", title="Taalhuis: wat is dat?")
    response = editor_client.get(SEARCH_URL, {"q": "taalhuis"})
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"id": a.pk, "title": a.title}, {"id": b.pk, "title": b.title}]
    }
    assert editor_client.get(SEARCH_URL, {"q": "t"}).json() == {"results": []}


@pytest.mark.django_db
def test_search_returns_at_most_twenty(editor_client, make_practices):
    make_practices(*[f"Leesclub {number:02}" for number in range(25)])
    results = editor_client.get(SEARCH_URL, {"q": "leesclub"}).json()["results"]
    assert [result["title"] for result in results] == [f"Leesclub {n:02}" for n in range(20)]


@pytest.mark.django_db
def test_search_needs_admin_access(client, make_user, make_practices):
    make_practices("Taalhuis")
    response = client.get(SEARCH_URL, {"q": "taalhuis"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    member = make_user()
    assert client.login(username=member.username, password=PASSWORD)
    response = client.get(SEARCH_URL, {"q": "taalhuis"})
    assert response.status_code in (302, 403)
    assert b"Taalhuis" not in response.content


@pytest.mark.django_db
def test_posting_chosen_practices_saves_them(editor_client, event_index, make_practices):
    first, second, _unchosen = make_practices("Taalhuis", "Voorleesontbijt", "Leesclub")
    data = event_form_data()
    data["sessions-0-practices"] = [str(first.pk), str(second.pk)]
    response = editor_client.post(f"/beheer/pages/add/events/eventpage/{event_index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = EventPage.objects.get(slug="deel-je-rijk-utrecht").sessions.get()
    assert set(session.practices.values_list("pk", flat=True)) == {first.pk, second.pk}


@pytest.mark.django_db
def test_a_page_that_is_no_practice_is_refused(editor_client, event_index, home, make_practices):
    from route2020.core.models import ContentPage
    from route2020.core.pages import child

    (practice,) = make_practices("Taalhuis")
    other = child(home, ContentPage, "over-ons", title="Over ons")
    data = event_form_data()
    data["sessions-0-practices"] = [str(practice.pk), str(other.pk)]
    response = editor_client.post(f"/beheer/pages/add/events/eventpage/{event_index.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Pagina {other.pk} is geen praktijkvoorbeeld" in html
    # What the editor chose is still there to correct.
    assert f'name="sessions-0-practices" value="{practice.pk}" checked' in html
    assert not EventPage.objects.filter(slug="deel-je-rijk-utrecht").exists()


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_postgres_chooser_match_uses_the_title_trigram_index(make_practices):
    """`title__icontains` is `UPPER(title) LIKE '%...%'`: at 100,000 practices only the
    trigram index (migration 0006) keeps it from reading every page."""
    from route2020.events.admin_views import practice_matches

    make_practices(*[f"Taalhuis {number:03}" for number in range(30)], "Voorleesontbijt")
    queryset = practice_matches("leesontb")
    assert [row["title"] for row in queryset] == ["Voorleesontbijt"]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A small table is read whole, or through the content type's B-tree, whatever else
        # it has: what is asserted is that the match expression is the trigram index's, so
        # leave that index and the keys (the test's transaction rolls it back).
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailcore_page'"
            " AND indexdef LIKE '%%(content_type_id)%%'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute('ANALYZE "wagtailcore_page"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "page_title_upper_trgm" in plan, plan
