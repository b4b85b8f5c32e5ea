import io
import re

import pytest
from django.core.management import call_command

from route2020.core.models import HomePage, Organisation, Province, User
from route2020.demo.loader import load
from route2020.news.models import NewsItemPage
from route2020.themes.models import ThemePage

pytestmark = pytest.mark.django_db


def load_seed():
    return load(io.StringIO(), seed_only=True)


@pytest.fixture
def seeded(load_once):
    return load_once("seed", load_seed)


def test_seed_has_every_timeline_item_and_theme(seeded):
    assert NewsItemPage.objects.live().count() == 12
    assert ThemePage.objects.live().count() == 5
    assert Province.objects.count() == 12


def test_loading_twice_creates_nothing_twice(seeded):
    counts = (NewsItemPage.objects.count(), Organisation.objects.count(), User.objects.count())
    load_seed()
    assert (NewsItemPage.objects.count(), Organisation.objects.count(), User.objects.count()) == (
        counts
    )


def test_generated_libraries_cover_every_province(seeded):
    libraries = Organisation.objects.filter(kind=Organisation.Kind.LIBRARY)
    assert libraries.count() >= 60
    assert libraries.values("province").distinct().count() == 12


def test_one_login_per_role(seeded):
    roles = {role for role, _user in seeded}
    assert any(role.startswith("lid") for role in roles)
    assert any(role.startswith("regiogids") for role in roles)
    assert "redactie" in roles
    guide = User.objects.get(email="oosterveld@route2020.example")
    assert {p.name for p in guide.provinces.all()} == {"Overijssel", "Flevoland", "Gelderland"}


def test_news_index_lists_the_timeline_newest_first(seeded, client):
    response = client.get("/nieuws/", HTTP_HOST="127.0.0.1")
    html = response.content.decode()
    titles = re.findall(r'r2020-card__title"><a[^>]*>([^<]+)</a>', html)
    assert titles[:3] == [
        "Route 2020 gaat door",
        "Delen maakt je rijker: 100% bibliotheken!",
        "Campagne de Bibliotheek maakt je rijker",
    ]
    assert "november 2017" in html
    # ten per page: the two oldest are on page 2
    page2 = client.get("/nieuws/?pagina=2", HTTP_HOST="127.0.0.1").content.decode()
    assert "VOB bestuur geeft opdracht voor branche ontwikkelplan" in page2


def test_load_demo_command_prints_logins_and_orders_the_menu(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "lid@route2020.example" in out
    assert "wachtwoord" in out
    home = HomePage.objects.get()
    menu = [page.slug for page in home.get_children().live().in_menu()]
    assert menu[:8] == [
        "praktijkvoorbeelden",
        "vragen",
        "bijeenkomsten",
        "nieuws",
        "themas",
        "besluiten",
        "reisadvies",
        "reisflitsen",
    ]
