"""A theme page shows its theme: text, plans and their progress as charts with tables, and
what the theme holds elsewhere (practices, pilots, parels, coming events, news, decisions),
each counted and linked to its filtered listing; /themas/ shows the agenda at a glance."""

import re
from datetime import date

import pytest

from route2020.agenda.tests.factories import make_action, make_plan, make_theme_world, make_themes
from route2020.themes.models import ThemeIndexPage, TimelineEntry

pytestmark = pytest.mark.django_db

# Serving: the route and its specific page (the site and restrictions come from the cache);
# once the path's page is known in the process (route2020.core.fragments), only the page.
SERVING_FIRST = 2
SERVING = 1
# Once per content generation and day: breadcrumbs, plans, actions per status, milestones per
# state, budget per year, every app's count with its listing's address, the latest decisions,
# the regiogidsen's Reisadviezen about the theme.
THEME_FRAGMENT = 8
# /themas/: themes, actions per status per theme, milestones, budget, the timeline.
INDEX_FRAGMENT = 5


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def world(home):
    index, themes = make_themes(home)
    return index, themes


def text_of(html):
    return re.sub(r"\s+", " ", html.replace("\xa0", " "))


def test_theme_page_shows_plans_progress_and_what_the_theme_holds(world, home, client):
    index, (other, theme) = world
    plan, indexes, decisions = make_theme_world(home, theme, 3)
    html = text_of(client.get(theme.url).content.decode())
    assert f'href="{plan.url}">Actieplan Collectieve marketing 2016–2020</a>' in html
    assert "3 acties, waarvan 1 afgerond" in html
    assert "3 van 9 mijlpalen op tijd gehaald" in html and "3 mijlpalen over tijd" in html
    assert "€ 90.000 besteed van € 90.000 toegekend" in html
    # Each chart is a picture beside a table with its numbers.
    assert html.count('<svg class="r2020-chart__svg"') == 3
    assert html.count("r2020-chart__table") == 3
    assert '<th class="utrecht-table__header-cell" scope="row">2017</th>' in html
    assert "€ 60.000" in html and "€ 63.000" in html  # 2017: allocated and spent
    # What the theme holds, counted, each a link to its listing filtered on the theme.
    slug = theme.slug
    for href, label in [
        (
            f"/praktijkvoorbeelden/?thema={slug}&amp;soort=praktijkvoorbeeld",
            "3 praktijkvoorbeelden",  # the parel is one too
        ),
        (f"/praktijkvoorbeelden/?thema={slug}&amp;soort=proeftuin", "1 proeftuin"),
        (f"/praktijkvoorbeelden/?thema={slug}&amp;parel=1", "1 parel"),
        (f"/bijeenkomsten/?thema={slug}", "1 komende bijeenkomst"),
        (f"/nieuws/?thema={slug}", "2 nieuwsberichten"),
        (f"/besluiten/?thema={slug}", "3 besluiten"),
    ]:
        assert f'<a class="utrecht-link" href="{href}">{label}</a>' in html, label
    # The decisions link back.
    assert f'href="{decisions[0].url}">Besluit 1</a>' in html
    # Another theme's page holds none of it.
    other_html = text_of(client.get(other.url).content.decode())
    assert "Voor dit thema is nog geen actieplan gepubliceerd." in other_html
    assert ">0 praktijkvoorbeelden</a>" in other_html and "Besluit 1" not in other_html


def test_the_links_lead_to_listings_that_show_the_count(world, home, client):
    index, (other, theme) = world
    make_theme_world(home, theme, 1)
    practices = client.get(f"/praktijkvoorbeelden/?thema={theme.slug}&soort=proeftuin")
    assert "Makerspace Eindhoven" in practices.content.decode()
    assert "Voorleesontbijt Zwolle" not in practices.content.decode()
    news = client.get(f"/nieuws/?thema={theme.slug}").content.decode()
    assert news.count('class="r2020-card"') == 2
    assert client.get(f"/nieuws/?thema={other.slug}").content.decode().count("r2020-card") == 0
    assert "Dit thema bestaat niet." in client.get("/nieuws/?thema=bestaat-niet").content.decode()
    for nonsense in ("%00", "<script>", "a" * 500):
        response = client.get(f"/nieuws/?thema={nonsense}")
        assert response.status_code == 200 and "<script>" not in response.content.decode()


def test_a_draft_or_restricted_action_is_not_counted(world, home, client):
    from wagtail.models import PageViewRestriction

    index, (other, theme) = world
    plan = make_plan(theme)
    make_action(plan, status="afgerond", budget={2016: (100, 50)})
    make_action(plan, status="lopend", budget={2016: (1000, 0)}, publish=False)
    secret = make_action(plan, status="lopend", budget={2016: (5000, 0)})
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    html = text_of(client.get(theme.url).content.decode())
    assert "1 actie, waarvan 1 afgerond" in html and "€ 50 besteed van € 100 toegekend" in html


@pytest.mark.parametrize("count", [3, 30])
def test_theme_page_runs_a_fixed_number_of_queries(
    world, home, client, count, django_assert_num_queries
):
    index, (other, theme) = world
    make_theme_world(home, theme, count)
    client.get("/")  # warm what every request shares (site root paths, menu, restrictions)
    with django_assert_num_queries(SERVING_FIRST + THEME_FRAGMENT):
        html = client.get(theme.url).content.decode()
    assert f"{count} acties" in html
    with django_assert_num_queries(SERVING):
        assert f"{count} acties" in client.get(theme.url).content.decode()


def test_the_theme_page_is_renewed_when_an_action_is_published(world, home, client):
    index, (other, theme) = world
    plan = make_plan(theme)
    action = make_action(plan, status="lopend")
    assert "1 actie, waarvan 0 afgerond" in client.get(theme.url).content.decode()
    action.status = "afgerond"
    action.save_revision().publish()
    assert "1 actie, waarvan 1 afgerond" in client.get(theme.url).content.decode()


def test_themes_index_shows_the_themes_side_by_side_and_the_programme_budget(world, home, client):
    index, (first, second) = world
    for theme, budget in (
        (first, {2016: (1000, 900)}),
        (second, {2016: (500, 0), 2017: (2000, 2500)}),
    ):
        make_action(make_plan(theme), status="afgerond", budget=budget)
    html = text_of(client.get("/themas/").content.decode())
    assert "Route 2020 in één oogopslag" in html
    assert "2 acties, waarvan 2 afgerond" in html
    assert "€ 3.400 besteed van € 3.500 toegekend" in html
    assert html.count('<figure class="r2020-chart') == 4
    assert "Nog geen gegevens." in html  # no milestones yet: no empty picture
    # Side by side: one row per theme in the table of actions per status.
    assert (
        '<th class="utrecht-table__header-cell" scope="row">Persoonlijke ontwikkeling</th>' in html
    )
    assert '<th class="utrecht-table__header-cell" scope="row">Collectieve marketing</th>' in html
    # The whole programme per year.
    assert re.search(r'scope="row">2016</th>\s*<td[^>]*>€ 1.500</td>\s*<td[^>]*>€ 900</td>', html)
    assert re.search(r'scope="row">2017</th>\s*<td[^>]*>€ 2.000</td>\s*<td[^>]*>€ 2.500</td>', html)


def test_the_timeline_is_an_ordered_list_of_dated_moments_the_office_edits(world, home, client):
    index = ThemeIndexPage.objects.get()
    decision_page = home  # any live page works as "more about this"
    index.timeline = [
        TimelineEntry(date=date(2017, 5, 1), date_precision="dag", title="Glansrijk"),
        TimelineEntry(
            date=date(2015, 2, 1), date_precision="maand", title="Opdracht", link=decision_page
        ),
        TimelineEntry(date=date(2016, 1, 1), date_precision="jaar", title="Eerste acties"),
    ]
    index.save_revision().publish()
    html = client.get("/themas/").content.decode()
    timeline = html[html.index('<ol class="r2020-timeline">') :]
    timeline = timeline[: timeline.index("</ol>")]
    assert re.findall(
        r'<time class="r2020-timeline__date" datetime="([^"]+)">([^<]+)</time>', timeline
    ) == [
        ("2015-02", "februari 2015"),
        ("2016", "2016"),
        ("2017-05-01", "1 mei 2017"),
    ]
    assert '<a class="utrecht-link" href="/">Opdracht</a>' in timeline


@pytest.mark.parametrize("count", [3, 30])
def test_themes_index_runs_a_fixed_number_of_queries(
    world, home, client, count, django_assert_num_queries
):
    index, (first, second) = world
    for theme in (first, second):
        plan = make_plan(theme)
        for _ in range(count // 2 or 1):
            make_action(plan, milestones=[("M", date(2016, 6, 1), None)], budget={2016: (10, 1)})
    index.timeline = [TimelineEntry(date=date(2015, 2, 1), title="Opdracht", link=first)]
    index.save_revision().publish()
    client.get("/")
    with django_assert_num_queries(SERVING_FIRST + INDEX_FRAGMENT):
        assert "Opdracht" in client.get("/themas/").content.decode()
    with django_assert_num_queries(SERVING):
        assert "Opdracht" in client.get("/themas/").content.decode()
