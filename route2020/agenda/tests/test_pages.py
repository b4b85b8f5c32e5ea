"""The plan page and the action page: what a member of the public reads about a plan, and
what it costs to serve them."""

import re
from datetime import date

import pytest

from .factories import make_action, make_plan, make_theme_world

pytestmark = pytest.mark.django_db

# Serving: the route and its specific page (the site and restrictions come from the cache).
# The route and the page; once the path's page is known in the process
# (route2020.core.fragments), only the page.
SERVING_FIRST = 2
SERVING = 1
# Plan page, once per content generation and day: breadcrumbs, actions with their owners,
# milestones, budget lines, linked practices, linked events, progress updates, decisions,
# the groups' advice on the plan (with its group).
PLAN_FRAGMENT = 9
# Action page: breadcrumbs, owner, plan, milestones, budget lines, practices, events.
ACTION_FRAGMENT = 7


@pytest.fixture(autouse=True)
def _uncached(uncached):
    pass


def text_of(html):
    return re.sub(r"\s+", " ", html.replace("\xa0", " "))


def test_plan_page_shows_goals_actions_by_status_progress_updates_and_decisions(
    home, theme, client
):
    plan, indexes, decisions = make_theme_world(home, theme, 3)
    plan.goals = [
        ("goal", {"title": "Eén landelijke campagne", "description": "", "indicator": ""})
    ]
    plan.save_revision().publish()
    html = text_of(client.get(plan.url).content.decode())
    assert "Actieplan 2016–2020" in html
    assert '<time datetime="2016-01-01">1 januari 2016</time>' in html
    assert "Eén landelijke campagne" in html
    # Actions grouped by status, each with its owner, milestones, budget and links.
    for heading in ("Lopend (1)", "Afgerond (1)", "Gepland (1)"):
        assert f">{heading}</h3>" in html
    assert "Vervallen (" not in html
    assert "Trekker: Vereniging van Openbare Bibliotheken" in html
    assert "1 van 3 mijlpalen op tijd gehaald" in html
    assert 'Voorleesontbijt Zwolle</a> <span class="r2020-optional">(praktijkvoorbeeld)' in html
    assert "PleisterPlaatsOntmoeting Zwolle</a>" in html
    # Three charts, each with its table.
    assert html.count("r2020-chart__table") == 3
    assert '<time class="r2020-timeline__date" datetime="2016-04-11">11 april 2016</time>' in html
    assert f'href="{decisions[0].url}">Besluit 1</a>' in html


def test_action_page_shows_status_owner_milestones_budget_and_links(home, theme, client):
    plan, indexes, decisions = make_theme_world(home, theme, 1)
    action = plan.get_children().get().specific
    html = text_of(client.get(action.url).content.decode())
    assert "<dt>Trekker</dt><dd>Vereniging van Openbare Bibliotheken</dd>" in html
    assert f'<a class="utrecht-link" href="{plan.url}">{plan.title}</a> (2016–2020)' in html
    assert re.search(r"Op tijd</th>.*?1 juni 2016.*?20 mei 2016.*?Op tijd gehaald", html)
    assert re.search(r"Te laat</th>.*?1 september 2016.*?1 oktober 2016.*?Te laat gehaald", html)
    assert re.search(r"Over tijd</th>.*?1 maart 2017.*?—.*?Over tijd, nog open", html)
    assert "€ 21.000 <strong>(meer dan toegekend)</strong>" in html
    assert (
        'Totaal</th> <td class="utrecht-table__cell utrecht-table__cell--numeric">€ 30.000' in html
    )
    assert "Voorleesontbijt Zwolle" in html and "PleisterPlaatsOntmoeting Zwolle" in html


def test_a_dropped_action_says_why(theme, client):
    plan = make_plan(theme)
    make_action(plan, status="vervallen", status_note="De KB neemt de meting over.")
    html = text_of(client.get(plan.url).content.decode())
    assert ">Vervallen (1)</h3>" in html and "De KB neemt de meting over." in html


def test_the_office_note_stays_in_the_office(theme, client):
    plan = make_plan(theme, internal_note="Budget 2019 nog niet rond")
    action = make_action(plan, internal_note="Bel Trendsactive over de factuur")
    assert "Budget 2019" not in client.get(plan.url).content.decode()
    assert "factuur" not in client.get(action.url).content.decode()
    assert "internal_note" not in plan.PUBLIC_FIELDS + action.PUBLIC_FIELDS


def test_a_practice_behind_a_view_restriction_is_not_listed(home, theme, client):
    from wagtail.models import PageViewRestriction

    from route2020.practices.models import PracticePage

    plan, indexes, decisions = make_theme_world(home, theme, 1)
    practice = PracticePage.objects.get(title="Voorleesontbijt Zwolle")
    PageViewRestriction.objects.create(page=practice, restriction_type="login")
    assert "Voorleesontbijt Zwolle" not in client.get(plan.url).content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_plan_page_runs_a_fixed_number_of_queries(
    home, theme, client, count, django_assert_num_queries
):
    plan, indexes, decisions = make_theme_world(home, theme, count)
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + PLAN_FRAGMENT):
        html = client.get(plan.url).content.decode()
    assert html.count('class="r2020-card"') == count * 2  # actions and decisions
    with django_assert_num_queries(SERVING):
        client.get(plan.url)


@pytest.mark.parametrize("count", [3, 30])
def test_action_page_runs_a_fixed_number_of_queries(
    home, theme, client, count, django_assert_num_queries
):
    plan, indexes, decisions = make_theme_world(home, theme, 1)
    action = make_action(
        plan,
        milestones=[(f"Mijlpaal {n}", date(2016, 6, 1), None) for n in range(count)],
        budget={year: (100, 10) for year in range(2016, 2016 + min(count, 5))},
        practices=[indexes["practices"].get_children().first().specific],
    )
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + ACTION_FRAGMENT):
        html = client.get(action.url).content.decode()
    assert html.count("Mijlpaal ") == count
    with django_assert_num_queries(SERVING):
        client.get(action.url)


def test_the_office_previews_an_action_with_unsaved_milestones(home, theme, client, make_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from route2020.core.tests.factories import PASSWORD

    plan = make_plan(theme)
    action = make_action(plan)
    client.login(username=make_user(role="Redactie").username, password=PASSWORD)
    url = f"/beheer/pages/{action.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": action.title,
            "slug": action.slug,
            "intro": "",
            "owner_organisation": str(action.owner_organisation_id),
            "status": "lopend",
            "status_note": "",
            "body": streamfield([]),
            "milestones": inline_formset(
                [{"title": "Nog niet opgeslagen", "due_on": "2018-01-01", "met_on": ""}]
            ),
            "budget_lines": inline_formset([{"year": "2018", "allocated": "5", "spent": "0"}]),
            "practice_links": inline_formset([]),
            "event_links": inline_formset([]),
            "internal_note": "",
        }
    )
    assert client.post(url, data).json()["is_valid"] is True
    html = client.get(url).content.decode()
    assert "Nog niet opgeslagen" in html and "€\xa05" in html


def test_plans_and_actions_are_found_by_site_search_and_listed_in_the_sitemap(theme, client):
    from django.core.management import call_command

    plan = make_plan(
        theme,
        title="Actieplan Collectieve marketing 2016–2020",
        updates=[(date(2017, 5, 1), "Glansrijk is begonnen voor eindexamenkandidaten.")],
    )
    action = make_action(plan, title="Landelijke inkoop van online media")
    call_command("update_index", verbosity=0)
    assert plan.title in client.get("/zoeken/", {"q": "eindexamenkandidaten"}).content.decode()
    assert action.title in client.get("/zoeken/", {"q": "inkoop"}).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert (
        f"http://testserver{plan.url}<" in sitemap and f"http://testserver{action.url}<" in sitemap
    )


def test_open_milestones_of_a_dropped_action_are_not_overdue(home, theme, client):
    from route2020.agenda.progress import progress_by

    plan = make_plan(theme)
    late = [("Meting", date(2016, 6, 1), None)]
    make_action(plan, milestones=late)
    dropped = make_action(
        plan, status="vervallen", status_note="De KB neemt het over.", milestones=late
    )
    html = text_of(client.get(plan.url).content.decode())
    assert "1 mijlpaal over tijd" in html and "2 mijlpalen over tijd" not in html
    progress = progress_by(theme.path, theme.depth)[theme.path]
    assert progress.milestones == {"over-tijd": 1, "vervallen": 1}
    html = text_of(client.get(dropped.url).content.decode())
    assert "Vervallen met de actie" in html and "Over tijd, nog open" not in html
