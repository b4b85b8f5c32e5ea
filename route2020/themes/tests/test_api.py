"""Themes in the public API."""

import pytest

from route2020.core.pages import child
from route2020.themes.models import ThemeIndexPage, ThemePage

pytestmark = pytest.mark.django_db
URL = "/api/v1/themes/"


@pytest.fixture
def theme_index(home):
    return child(home, ThemeIndexPage, "themas", title="Thema's")


def test_themes_in_order_of_their_number(client, theme_index):
    child(theme_index, ThemePage, "marketing", title="Collectieve marketing", number=5)
    child(
        theme_index,
        ThemePage,
        "persoonlijke-ontwikkeling",
        title="Positionering als partner in persoonlijke ontwikkeling",
        short_title="Persoonlijke ontwikkeling",
        number=1,
    )
    rows = client.get(URL).json()["results"]
    assert [row["number"] for row in rows] == [1, 5]
    assert rows[0]["short_title"] == "Persoonlijke ontwikkeling"
    assert rows[0]["url"] == "http://testserver/themas/persoonlijke-ontwikkeling/"
    detail = client.get(f"{URL}{rows[0]['id']}/").json()
    assert detail["slug"] == "persoonlijke-ontwikkeling"
    assert detail["body_html"] == ""


def test_queries_per_page_are_fixed(client, theme_index, django_assert_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    for size in (1, 5):
        while ThemePage.objects.count() < size:
            number = ThemePage.objects.count() + 1
            child(theme_index, ThemePage, f"thema-{number}", title=f"Thema {number}", number=number)
        client.get(URL)
        with django_assert_num_queries(1):
            assert len(client.get(URL).json()["results"]) == size
