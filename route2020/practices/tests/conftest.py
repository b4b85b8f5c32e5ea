import pytest

from route2020.practices.models import (
    PracticeIndexPage,
    PracticePage,
    PracticePartner,
    PracticeStep,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def themes(home):
    from route2020.themes.models import ThemeIndexPage, ThemePage

    index = ThemeIndexPage(title="Thema's", slug="themas")
    home.add_child(instance=index)
    index.save_revision().publish()
    result = []
    for number, slug in enumerate(
        ["persoonlijke-ontwikkeling", "maatschappelijk-domein", "multifunctionele-organisaties"],
        start=1,
    ):
        theme = ThemePage(title=slug.replace("-", " ").capitalize(), slug=slug, number=number)
        index.add_child(instance=theme)
        theme.save_revision().publish()
        result.append(theme)
    return result


@pytest.fixture
def practice_index(home):
    index = PracticeIndexPage(title="Praktijkvoorbeelden", slug="praktijkvoorbeelden")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_practice(practice_index, themes, make_organisation):
    counter = iter(range(1, 10_000))

    def make(organisation=None, theme=None, publish=True, partners=("onderwijs",), **fields):
        number = next(counter)
        organisation = organisation or make_organisation()
        defaults = {
            "title": f"Voorleesontbijt {number}",
            "slug": f"voorleesontbijt-{number}",
            "summary": "Ouders en peuters ontbijten in de bibliotheek en lezen samen voor.",
            "status": "afgerond",
            "kind": "praktijkvoorbeeld",
            "contact_name": "Anna de Vries",
            "contact_email": "anna@bieb.example",
        }
        defaults.update(fields)
        page = PracticePage(organisation=organisation, live=publish, **defaults)
        page.themes = [theme or themes[0]]
        page.steps = [PracticeStep(title="Scholen benaderen", description="Bel de directeur.")]
        page.partners = [PracticePartner(partner_type=p, name=f"Partner {p}") for p in partners]
        practice_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return PracticePage.objects.get(pk=page.pk)

    return make
