"""The demo's 2015 member survey puts the seed's five themes on top; the open survey is open."""

import io

import pytest
from django.utils import timezone

from route2020.demo import seed
from route2020.demo.content import core
from route2020.demo.content import surveys as demo
from route2020.surveys import results
from route2020.surveys.models import Participation, Question, Submission, SurveyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    core.load(io.StringIO())
    demo.load(io.StringIO())


def test_2015_survey_ranks_the_seed_themes_on_top(loaded, client):
    survey = SurveyPage.objects.get(slug="enquete-onder-de-leden-2015")
    assert survey.state() == "closed" and survey.results_are_public()
    assert survey.per_organisation
    # one answer per library, nine in ten of them
    libraries = Submission.objects.filter(survey=survey).values("organisation").distinct()
    assert 60 <= libraries.count() == Submission.objects.filter(survey=survey).count()
    ranking = next(r for r in results.compute(survey).questions if r.kind == Question.Kind.RANKING)
    seed_themes = {title[:1].upper() + title[1:] for _n, _s, title, _short in seed.THEMES}
    assert {row.label for row in ranking.rows[:5]} == seed_themes
    assert len(ranking.rows) == 10
    html = client.get(survey.url + "uitslag/").content.decode()
    assert "Collectieve marketing" in html and "inzendingen" in html


def test_a_member_can_fill_in_the_open_survey(loaded, client):
    survey = SurveyPage.objects.get(slug="route-2020-na-2020")
    assert survey.state() == "open" and not survey.results_are_public()
    # a time a person would set, not the moment the demo was loaded (…29 mei 03:30)
    closes = timezone.localtime(survey.closes_at)
    assert (closes.hour, closes.minute, closes.second, closes.microsecond) == (17, 0, 0, 0)
    client.login(username="lid", password=core.DEMO_PASSWORD)
    html = client.get(survey.url).content.decode()
    assert 'value="versturen"' in html
    assert Participation.objects.filter(survey=survey).count() == 8  # other demo members


def test_loading_twice_creates_nothing_twice(loaded):
    counts = (SurveyPage.objects.count(), Submission.objects.count())
    out = io.StringIO()
    demo.load(out)
    assert (SurveyPage.objects.count(), Submission.objects.count()) == counts
    assert out.getvalue() == ""


def test_the_about_page_links_to_the_results(loaded, client):
    html = client.get("/over-route-2020/").content.decode()
    assert 'href="/enquetes/enquete-onder-de-leden-2015/"' in html
    assert 'href="/enquetes/"' in html
