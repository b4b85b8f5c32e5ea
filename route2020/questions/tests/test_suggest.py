from django.core.management import call_command

from route2020.practices.models import PracticePage
from route2020.questions.suggest import suggest


def test_little_in_the_text_fills_with_the_themes_most_adopted_practices(
    themes, make_practice, django_assert_max_num_queries
):
    """No practice matches the words: the practices of the question's themes fill the
    list, most adopted first (equal scores: the newest page first); other themes stay out,
    however often they were adopted."""
    made = {
        name: make_practice(title=title, theme=themes[theme])
        for name, title, theme in [
            ("once", "Voorleesontbijt", 0),
            ("often", "Leesclub", 0),
            ("once_later", "Boekenbus", 0),
            ("elsewhere", "Makerspace", 1),
        ]
    }
    for name, count in [("once", 1), ("often", 4), ("once_later", 1), ("elsewhere", 9)]:
        PracticePage.objects.filter(pk=made[name].pk).update(adoption_count=count)
    call_command("update_index", verbosity=0)
    with django_assert_max_num_queries(8):
        practices, _organisations = suggest(
            text="Wie weet iets van kwantumcomputers?", theme_ids=[themes[0].pk]
        )
    assert [item.pk for item in practices] == [
        made["often"].pk,
        made["once_later"].pk,
        made["once"].pk,
    ]
    assert all(item.shared_themes == 1 and not item.text_match for item in practices)
