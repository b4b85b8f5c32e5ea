"""/bijeenkomsten/: upcoming and past, filters, a fixed number of queries; the home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.core.models import Province
from route2020.core.pages import child
from route2020.core.roles import ensure_provinces
from route2020.events.home import home_sections
from route2020.events.models import EventType


@pytest.fixture
def themes(home):
    from route2020.themes.models import ThemeIndexPage, ThemePage

    index = child(home, ThemeIndexPage, "themas", title="Thema's")
    return [
        child(index, ThemePage, "persoonlijke-ontwikkeling", title="Persoonlijke ontwikkeling"),
        child(index, ThemePage, "collectieve-marketing", title="Collectieve marketing", number=5),
    ]


def in_days(days):
    return timezone.now() + timedelta(days=days)


@pytest.mark.django_db
def test_upcoming_and_past_are_separate(client, make_event, event_index):
    make_event(title="Komt nog", start=in_days(5))
    make_event(title="Al geweest", start=in_days(-30))
    html = client.get("/bijeenkomsten/").content.decode()
    assert "Komt nog" in html and "Al geweest" not in html
    html = client.get("/bijeenkomsten/?wanneer=geweest").content.decode()
    assert "Al geweest" in html and "Komt nog" not in html


@pytest.mark.django_db
def test_upcoming_ordered_by_start_and_paginated(client, make_event, event_index):
    for day in range(14, 0, -1):
        make_event(title=f"Dag {day:02d}", start=in_days(day))
    html = client.get("/bijeenkomsten/").content.decode()
    assert html.index("Dag 01") < html.index("Dag 02")
    assert "Dag 13" not in html and "Pagina 1 van 2" in html
    html = client.get("/bijeenkomsten/?pagina=2").content.decode()
    assert "Dag 13" in html and "Dag 01" not in html


@pytest.mark.django_db
def test_filters_by_type_province_and_theme(client, make_event, event_index, themes):
    ensure_provinces()
    drenthe = Province.objects.get(code="PV22")
    make_event(title="Ontmoeting Drenthe", event_type=EventType.REGIONAL, province=drenthe)
    make_event(title="Webinar marketing", event_type=EventType.WEBINAR, themes=[themes[1]])
    make_event(title="Landelijke dag", event_type=EventType.NATIONAL, themes=[themes[0]])
    html = client.get("/bijeenkomsten/?soort=pleisterplaats").content.decode()
    assert "Ontmoeting Drenthe" in html and "Webinar marketing" not in html
    assert "Landelijke dag" not in html
    html = client.get(f"/bijeenkomsten/?provincie={drenthe.slug}").content.decode()
    assert "Ontmoeting Drenthe" in html and "Landelijke dag" not in html
    html = client.get("/bijeenkomsten/?thema=collectieve-marketing").content.decode()
    assert "Webinar marketing" in html and "Landelijke dag" not in html
    # Filters stay in the pagination and tab links.
    assert "thema=collectieve-marketing&amp;wanneer=geweest" in html


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_not_an_error(client, make_event, event_index):
    make_event(title="Komt nog")
    response = client.get("/bijeenkomsten/?soort=<script>&provincie=mars&pagina=abc")
    assert response.status_code == 200
    assert "Komt nog" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 50])
def test_listing_query_count_is_fixed(
    client, make_event, event_index, themes, count, django_assert_num_queries
):
    ensure_provinces()
    province = Province.objects.get(code="PV25")
    for number in range(count):
        make_event(title=f"Bijeenkomst {number}", start=in_days(number + 1), province=province)
    client.get("/bijeenkomsten/")  # warm the site root and restricted-paths caches
    # The page (its path's route is known in the process since the first request), filter
    # choices, one count and one page of events: the same for 5 and 50.
    QUERIES = 5
    with django_assert_num_queries(QUERIES):
        response = client.get("/bijeenkomsten/?thema=&provincie=")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 50])
def test_home_section_query_count_is_fixed(make_event, count, django_assert_num_queries):
    for number in range(count):
        make_event(title=f"Bijeenkomst {number}", start=in_days(number + 1))
    make_event(title="Geweest", start=in_days(-3))
    list(home_sections()[0].context["upcoming_events"])  # warm the view-restriction cache
    with django_assert_num_queries(1):
        events = list(home_sections()[0].context["upcoming_events"])
        whens = [event.display_when for event in events]
    assert [event.title for event in events] == ["Bijeenkomst 0", "Bijeenkomst 1", "Bijeenkomst 2"]
    assert all(whens)


@pytest.mark.django_db
def test_event_page_shows_programme_and_agenda_link(client, make_event):
    event = make_event(
        title="Delen maakt je rijker",
        start=timezone.make_aware(timezone.datetime(2027, 11, 20, 10, 0)),
        sessions=[("Parel: Taalhuis", 1, 1, 20)],
    )
    html = client.get(event.url).content.decode()
    assert "20 november 2027, 10:00–16:00" in html
    assert "Parel: Taalhuis" in html and "Zaal 1" in html
    assert f'href="{event.url}agenda.ics"' in html and "Zet in je agenda" in html


@pytest.mark.django_db
def test_past_event_shows_report_and_presented_practices(client, make_event, home):
    from route2020.core.models import ContentPage

    practice = child(home, ContentPage, "taalhuis", title="Taalhuis in de bibliotheek")
    event = make_event(
        start=in_days(-10),
        sessions=[("Parel: Taalhuis", 1, 1, None)],
        report=[("paragraph", "<p>Het was een mooie dag.</p>")],
    )
    session = event.sessions.first()
    session.practices.add(practice)
    session.save()
    html = client.get(event.url).content.decode()
    assert "Verslag" in html and "Het was een mooie dag." in html
    assert "Taalhuis in de bibliotheek" in html
    assert "Aanmelden" not in html.split("Verslag")[0].split("Programma")[-1]


@pytest.mark.django_db
def test_where_and_who_line_sits_inside_the_card(client, make_event, event_index):
    ensure_provinces()
    drenthe = Province.objects.get(code="PV22")
    make_event(title="Ontmoeting Drenthe", province=drenthe, audience="leden")
    html = client.get("/bijeenkomsten/").content.decode()
    card = html[html.index('<article class="r2020-card">') : html.index("</article>")]
    assert "Ontmoeting Drenthe" in card
    assert "Drenthe · Alleen voor leden" in card


@pytest.mark.django_db
def test_every_spelling_of_a_page_number_shares_the_kept_listing(
    client, make_event, event_index, settings, django_assert_num_queries
):
    """Keyed on the page shown (route2020.core.pagination): `?pagina=02`, `99` or `2 ` add no
    fragment of their own and cost no query beyond the page once the listing is kept."""
    settings.PAGE_CACHE_ENABLED = False
    for day in range(14, 0, -1):
        make_event(title=f"Dag {day:02d}", start=in_days(day))
    assert "Dag 13" in client.get("/bijeenkomsten/", {"pagina": "2"}).content.decode()
    for written in ("02", "99", "2 "):
        with django_assert_num_queries(1):  # the page itself; the listing is kept
            html = client.get("/bijeenkomsten/", {"pagina": written}).content.decode()
        assert "Dag 13" in html and "Dag 01" not in html
