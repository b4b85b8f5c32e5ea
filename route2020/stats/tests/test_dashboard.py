"""The office's dashboard in /beheer/: for Redactie only, charts with a table beside each."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from route2020.core import roles
from route2020.stats import charts
from route2020.stats.models import DailyVisitors, PageView, ZeroResultSearch

pytestmark = pytest.mark.django_db

URL = "/beheer/statistieken/"


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user(role=roles.EDITOR))
    return client


def fill(days, pages):
    today = timezone.localdate()
    for offset in range(days):
        day = today - datetime.timedelta(days=offset)
        for number in range(pages):
            PageView.objects.create(
                day=day, path=f"/nieuws/bericht-{number}/", section="nieuws", views=number + 1
            )
        PageView.objects.create(day=day, path="/", section="", views=7)
        ZeroResultSearch.objects.create(day=day, term=f"term {offset % 3}", searches=2)
        DailyVisitors.objects.create(day=day, visitors=5, returning=2)


def test_the_dashboard_shows_top_pages_sections_days_and_terms(home, editor_client):
    fill(days=3, pages=4)
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "Per dag",
        "Meest bekeken pagina's",
        "Per onderdeel",
        "Zoektermen zonder resultaat",
    ):
        assert f">{heading}</h2>" in html
    assert html.count('<svg class="r2020-chart"') == 4 and html.count('<caption id="tabel-') == 4
    assert 'href="/nieuws/bericht-3/"' in html
    assert "/nieuws/" in html
    assert "term 0" in html
    # the home page's title is found for its path
    assert "Route 2020" in html
    totals = response.context
    assert totals["total_views"] == 3 * (1 + 2 + 3 + 4 + 7)
    assert (totals["total_visits"], totals["total_returning"]) == (15, 6)


def test_the_period_can_be_chosen_and_nonsense_falls_back(home, editor_client):
    old = timezone.localdate() - datetime.timedelta(days=60)
    PageView.objects.create(day=old, path="/oud/", views=3)
    assert "/oud/" not in editor_client.get(URL).content.decode()
    assert "/oud/" in editor_client.get(URL, {"dagen": "90"}).content.decode()
    assert editor_client.get(URL, {"dagen": "abc"}).context["period"].days == 30
    assert editor_client.get(URL, {"dagen": "100000"}).context["period"].days == 30


@pytest.mark.parametrize("role", [roles.MEMBER, roles.GUIDE, None])
def test_only_the_office_sees_the_dashboard(home, client, make_user, role):
    user = make_user(role=role, provinces=["PV23"] if role == roles.GUIDE else ())
    client.force_login(user)
    response = client.get(URL)
    # Wagtail answers a refusal in /beheer/ with a redirect (to its home or the login)
    assert response.status_code == 302
    if role != roles.GUIDE:
        assert response["Location"].startswith("/account/login/")
    else:
        assert response["Location"] == "/beheer/"
        assert "/beheer/statistieken/" not in client.get("/beheer/").content.decode()


def test_the_menu_shows_statistics_to_the_office(home, editor_client):
    assert "/beheer/statistieken/" in editor_client.get("/beheer/").content.decode()


def test_visitors_must_sign_in(home, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_dashboard_runs_the_same_number_of_queries_at_any_size(home, editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(URL, {"dagen": "90"}).status_code == 200
        return len(captured)

    editor_client.get(URL)  # the first request of a slot also queues the flush
    fill(days=2, pages=2)
    small = queries()
    PageView.objects.all().delete()
    ZeroResultSearch.objects.all().delete()
    DailyVisitors.objects.all().delete()
    fill(days=60, pages=30)
    assert queries() == small


def test_numbers_in_the_svg_are_never_localised():
    rows = [("Één pagina", 1234567), ("Twee", 3)]
    points = [(datetime.date(2024, 1, n), n * 1000 + 0.5) for n in range(1, 20)]
    with translation.override("nl"):
        svgs = [
            charts.bar_chart(rows, title="t", chart_id="a"),
            charts.column_chart(points, title="t", chart_id="b"),
        ]
    for svg in svgs:
        for value in re.findall(r' (?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg):
            assert re.fullmatch(r"-?\d+(\.\d)?|100%", value), value
        assert "1.234.567" not in svg and "1234567" in svgs[0]


def test_chart_labels_are_escaped():
    svg = charts.bar_chart([("<script>x</script>", 1)], title="<b>", chart_id="c")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
