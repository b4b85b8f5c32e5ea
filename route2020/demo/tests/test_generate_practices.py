from route2020.demo.generate_practices import create_practices
from route2020.practices.models import PracticePage, PracticePartner


def test_generated_practices_happen_in_their_librarys_town(
    practice_index, themes, make_organisation
):
    """A generated practice of the library in Zwolle is set in Zwolle, never in a town of
    another province, and so are its named partners."""
    zwolle = make_organisation(name="Bibliotheek Zwolle", municipality="Zwolle")
    create_practices(practice_index, 30, themes=themes, organisations=[zwolle])

    titles = list(PracticePage.objects.values_list("title", flat=True))
    assert len(titles) == 30
    assert all(title.endswith(" in Zwolle") for title in titles), titles
    partners = PracticePartner.objects.values_list("name", flat=True)
    assert partners and all(name.endswith(" Zwolle") for name in partners)
