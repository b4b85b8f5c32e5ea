"""The demo's verkenning of April–June 2016 and the Reisadvies of July 2016."""

import datetime
import io

import pytest

from route2020.demo.content import core, themes
from route2020.demo.content import guides as demo
from route2020.demo.content import practices as demo_practices
from route2020.guides.models import ReisadviesPage, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for module in (core, themes, demo_practices, demo):
        module.load(io.StringIO())


def test_four_guides_visit_libraries_of_their_own_provinces_in_spring_2016(loaded):
    visits = list(Visit.objects.select_related("guide", "organisation"))
    assert len(visits) == 16
    assert len({visit.guide_id for visit in visits}) == 4
    for visit in visits:
        assert datetime.date(2016, 4, 1) <= visit.visited_on <= datetime.date(2016, 6, 30)
        assert visit.guide.provinces.filter(pk=visit.organisation.province_id).exists()
        assert visit.organisation.municipality in visit.findings
        for practice in visit.practices.all():
            assert practice.organisation_id == visit.organisation_id


def test_the_reisadvies_of_july_2016_proposes_ten_pilots_citing_live_practices(loaded, client):
    advice = ReisadviesPage.objects.live().get()
    assert advice.date == datetime.date(2016, 7, 14)
    items = advice.recommendation_list()
    assert sum(len(item["pilots"]) for item in items) == 10
    assert all(item["practices"] for item in items if item["practice_ids"])
    assert advice.visits.count() == 16
    assert client.get(advice.url).status_code == 200
    assert client.get(advice.pdf_url).status_code == 200


def test_loading_twice_creates_nothing_twice(loaded):
    demo.load(io.StringIO())
    assert Visit.objects.count() == 16
    assert ReisadviesPage.objects.count() == 1
