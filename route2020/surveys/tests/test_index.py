"""The index /enquetes/ (open, results, closed; paginated) and the home page's call."""

from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.surveys.home import home_sections

pytestmark = pytest.mark.django_db


def test_index_tabs_list_open_results_and_closed(make_survey, client):
    now = timezone.now()
    make_survey(title="Leesbevordering")
    make_survey(
        title="Makerspaces", opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9)
    )
    make_survey(
        title="Thema's 2015",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        results_published_at=now - timedelta(days=5),
    )
    make_survey(
        title="Huisvesting", opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=1)
    )
    html = client.get("/enquetes/").content.decode()
    assert "Leesbevordering" in html and "Nu open ·" in html
    assert "Makerspaces" in html and "Binnenkort ·" in html
    assert "Thema&#x27;s 2015" not in html and "Huisvesting" not in html
    html = client.get("/enquetes/?toon=uitslagen").content.decode()
    assert "Thema&#x27;s 2015" in html and "Bekijk de uitslag" in html and "/uitslag/" in html
    assert "Huisvesting" not in html and "Leesbevordering" not in html
    html = client.get("/enquetes/?toon=gesloten").content.decode()
    assert "Thema&#x27;s 2015" in html and "Huisvesting" in html and "Gesloten ·" in html
    assert "Leesbevordering" not in html
    # nonsense falls back to the open surveys
    assert "Leesbevordering" in client.get("/enquetes/?toon=%3Cx%3E&pagina=abc").content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_index_query_count_is_fixed(
    make_survey, client, count, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False
    for number in range(count):
        make_survey(title=f"Enquête nummer {number}")
    client.get("/enquetes/")
    # The page (its route is known in the process since the first request), the count and
    # one page of surveys.
    with django_assert_num_queries(3):
        response = client.get("/enquetes/")
    html = response.content.decode()
    assert "Enquête nummer 0" in html
    if count > 12:
        assert "Pagina 1 van 3" in html
        third = client.get("/enquetes/?toon=open&pagina=3").content.decode()
        assert "Enquête nummer 24" in third and "Enquête nummer 23" not in third


@pytest.mark.parametrize("count", [1, 5])
def test_home_section_shows_open_surveys_in_one_query(
    make_survey, count, django_assert_num_queries
):
    now = timezone.now()
    for number in range(count):
        make_survey(title=f"Open {number}")
    make_survey(title="Dicht", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    [section] = home_sections()
    with django_assert_num_queries(1):
        titles = [survey.title for survey in section.context["surveys"]]
    assert titles == [f"Open {n}" for n in range(min(count, 2))]


def test_home_page_calls_to_the_open_survey(make_survey, client):
    make_survey(title="Route 2020 na 2020")
    html = client.get("/").content.decode()
    assert "Doe mee met de enquête" in html and "Route 2020 na 2020" in html
