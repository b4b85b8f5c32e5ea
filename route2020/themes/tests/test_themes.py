import pytest

from route2020.core.demo.load import child
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
