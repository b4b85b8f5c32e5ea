"""The header menu in the visitor's language: under /en/ every item has an English name."""

import re

import pytest
from django.apps import apps
from django.utils import translation

from route2020.core.models import BasePage, ContentPage
from route2020.core.pages import child

pytestmark = pytest.mark.django_db


def menu(html):
    nav = html[html.index('class="r2020-nav"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'<a class="r2020-nav__link" href="([^"]+)"([^>]*)>([^<]+)</a>', nav)


def test_every_section_index_page_has_a_translated_menu_label():
    """A section's name is interface text: an index page without a label stays Dutch in the
    English menu (as "Besluiten" did)."""
    index_pages = [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and model.__name__.endswith("IndexPage")
    ]
    assert len(index_pages) >= 7
    for model in index_pages:
        assert model.menu_label, model
        with translation.override("nl"):
            dutch = str(model.menu_label)
        with translation.override("en"):
            english = str(model.menu_label)
        assert english != dutch, model


def test_a_standard_page_shows_its_english_title_in_the_english_menu(home, client):
    child(home, ContentPage, "campagne", title="Campagne", english_title="Campaign",
          show_in_menus=True)  # fmt: skip
    child(home, ContentPage, "zonder", title="Zonder vertaling", show_in_menus=True)

    dutch = menu(client.get("/").content.decode())
    assert ("/campagne/", "", "Campagne") in dutch
    assert ("/zonder/", "", "Zonder vertaling") in dutch

    english = menu(client.get("/en/").content.decode())
    assert ("/en/campagne/", "", "Campaign") in english
    # Without an English title the Dutch one stays, marked as Dutch for screen readers.
    assert ("/en/zonder/", ' lang="nl"', "Zonder vertaling") in english


def test_english_search_finds_a_standard_page_by_its_english_title(home, client):
    page = child(home, ContentPage, "campagne", title="Campagne", english_title="Campaign")
    assert "Campaign" in page.interface_labels()
    with translation.override("nl"):
        assert page.menu_title == "Campagne"
    with translation.override("en"):
        assert page.menu_title == "Campaign"


def test_the_english_name_is_the_pages_title_under_en(home, client):
    about = child(
        home,
        ContentPage,
        "over-route-2020",
        title="Over Route 2020",
        english_title="About Route 2020",
        seo_title="Over de ontwikkelagenda",
    )
    child(about, ContentPage, "klankbordgroep", title="Klankbordgroep")

    english = client.get("/en/over-route-2020/").content.decode()
    assert "<title>About Route 2020 · Route 2020</title>" in english
    assert re.search(r"<h1[^>]*>About Route 2020</h1>", english)
    breadcrumb = client.get("/en/over-route-2020/klankbordgroep/").content.decode()
    breadcrumb = breadcrumb[breadcrumb.index("r2020-breadcrumbs") :]
    assert 'href="/en/over-route-2020/">About Route 2020</a>' in breadcrumb

    dutch = client.get("/over-route-2020/").content.decode()
    assert "<title>Over de ontwikkelagenda · Route 2020</title>" in dutch
    assert re.search(r"<h1[^>]*>Over Route 2020</h1>", dutch)
    breadcrumb = client.get("/over-route-2020/klankbordgroep/").content.decode()
    assert 'href="/over-route-2020/">Over Route 2020</a>' in breadcrumb
    # Nothing was saved: the page keeps its Dutch title.
    about.refresh_from_db()
    assert about.title == "Over Route 2020"


def test_the_installed_cookie_question_is_translated_an_edited_one_is_not(home, client):
    from wagtail.models import Site

    from route2020.core.models import SiteSettings

    assert "This website uses cookies for statistics." in client.get("/en/").content.decode()
    assert "Deze website maakt gebruik van cookies" in client.get("/").content.decode()
    setting = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    setting.cookie_text = "Mogen we tellen hoe vaak pagina's bekeken worden?"
    setting.save()
    from django.core.cache import cache

    cache.clear()
    assert "Mogen we tellen" in client.get("/en/").content.decode()
