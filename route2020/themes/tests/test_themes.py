import pytest

from route2020.core.pages import child
from route2020.groups.models import GroupMember, GroupPage
from route2020.themes.models import ThemeIndexPage, ThemePage

pytestmark = pytest.mark.django_db


def test_theme_index_lists_the_themes_in_order(home, client):
    index = child(home, ThemeIndexPage, "themas", title="Thema's")
    child(index, ThemePage, "collectieve-marketing", title="Collectieve marketing", number=5)
    child(
        index, ThemePage, "persoonlijke-ontwikkeling", title="Persoonlijke ontwikkeling", number=1
    )
    html = client.get("/themas/").content.decode()
    assert html.index("Persoonlijke ontwikkeling") < html.index("Collectieve marketing")
    theme = client.get("/themas/collectieve-marketing/").content.decode()
    assert "Thema 5" in theme


def test_group_page_shows_members_with_role_and_organisation(home, client, make_organisation):
    library = make_organisation(name="Stadkamer Zwolle")
    group = GroupPage(title="Klankbordgroep Route 2020", slug="klankbordgroep")
    group.members.add(
        GroupMember(name="Astrid Vrolijk", job_title="directeur-bestuurder", organisation=library)
    )
    group.members.add(GroupMember(name="Ans Mebelder", group_role="voorzitter"))
    home.add_child(instance=group)
    group.save_revision().publish()
    html = client.get("/klankbordgroep/").content.decode()
    assert "Astrid Vrolijk" in html
    assert "directeur-bestuurder, Stadkamer Zwolle" in html
    assert "Ans Mebelder</strong> (voorzitter)" in html


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def themes(home):
    index = child(home, ThemeIndexPage, "themas", title="Thema's")
    for number, title in enumerate(["Persoonlijke ontwikkeling", "Collectieve marketing"], 1):
        child(index, ThemePage, f"thema-{number}", title=title, number=number)
    return index


def test_theme_index_list_is_cached_and_renewed_on_publish(
    themes, client, uncached, django_assert_max_num_queries
):
    client.get("/themas/")
    with django_assert_max_num_queries(4):  # serving only: the list comes from the cache
        assert "Collectieve marketing" in client.get("/themas/").content.decode()
    theme = ThemePage.objects.get(slug="thema-2")
    theme.title = "Samen zichtbaar"
    theme.number = 0
    theme.save_revision().publish()
    html = client.get("/themas/").content.decode()
    assert "Collectieve marketing" not in html
    assert html.index("Samen zichtbaar") < html.index("Persoonlijke ontwikkeling")


def test_theme_page_is_cached_and_renewed_when_its_index_is_renamed(themes, client, uncached):
    assert ">Thema&#x27;s</a>" in client.get("/themas/thema-1/").content.decode()
    themes.title = "Onze thema's"
    themes.save_revision().publish()
    assert ">Onze thema&#x27;s</a>" in client.get("/themas/thema-1/").content.decode()


def test_theme_list_hides_a_theme_restricted_later(themes, client, uncached):
    from wagtail.models import PageViewRestriction

    client.get("/themas/")
    PageViewRestriction.objects.create(
        page=ThemePage.objects.get(slug="thema-2"), restriction_type="login"
    )
    assert "Collectieve marketing" not in client.get("/themas/").content.decode()


def test_group_members_are_cached_and_renewed_when_an_organisation_is_renamed(
    home, client, uncached, make_organisation, django_assert_max_num_queries
):
    library = make_organisation(name="Stadkamer Zwolle")
    group = GroupPage(title="Klankbordgroep Route 2020", slug="klankbordgroep")
    group.members.add(GroupMember(name="Astrid Vrolijk", organisation=library))
    home.add_child(instance=group)
    group.save_revision().publish()
    client.get("/klankbordgroep/")
    with django_assert_max_num_queries(4):  # serving only: members come from the cache
        assert "Stadkamer Zwolle" in client.get("/klankbordgroep/").content.decode()
    library.name = "Stadkamer Zwolle en Kampen"
    library.save()
    assert "Stadkamer Zwolle en Kampen" in client.get("/klankbordgroep/").content.decode()
