import datetime

import pytest

from route2020.core import roles
from route2020.guides.models import ReisadviesIndexPage, ReisadviesPage, Visit
from route2020.practices.tests.conftest import (  # noqa: F401 (fixtures)
    _media,
    make_practice,
    practice_index,
    themes,
)


@pytest.fixture
def guide(make_user):
    """A regiogids of Overijssel (PV23) and Flevoland (PV24)."""
    return make_user(role=roles.GUIDE, provinces=["PV23", "PV24"])


@pytest.fixture
def other_guide(make_user):
    """A regiogids of Utrecht (PV26)."""
    return make_user(role=roles.GUIDE, provinces=["PV26"])


@pytest.fixture
def library(make_organisation):
    return make_organisation("Bibliotheek Deventer", province_code="PV23")


@pytest.fixture
def utrecht_library(make_organisation):
    return make_organisation("Bibliotheek Utrecht", province_code="PV26")


@pytest.fixture
def make_visit(guide, library):
    def make(organisation=None, by=None, day=datetime.date(2016, 5, 3), practices=()):
        visit = Visit.objects.create(
            guide=by or guide,
            organisation=organisation or library,
            visited_on=day,
            findings="Starters werken in de bibliotheek en geven workshops terug.",
        )
        visit.practices.set(practices)
        return visit

    return make


@pytest.fixture
def advice_index(home):
    index = ReisadviesIndexPage(title="Reisadvies", slug="reisadvies")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_advice(advice_index):
    def make(recommendations=3, practices=(), visits=(), slug="reisadvies-2016", **fields):
        stream = [
            (
                "recommendation",
                {
                    "heading": f"Aanbeveling nummer {number}",
                    "text": "Start een proeftuin met ondernemers.\nDeel wat mislukte.",
                    "practices": list(practices),
                    "pilots": [f"Proeftuin {number}a", f"Proeftuin {number}b"],
                },
            )
            for number in range(1, recommendations + 1)
        ]
        page = ReisadviesPage(
            title=fields.pop("title", "Reisadvies: tien proeftuinen"),
            slug=slug,
            intro="Wat de regiogidsen zagen, en wat zij aanraden.",
            date=datetime.date(2016, 7, 14),
            recommendations=stream,
            **fields,
        )
        page.visits = list(visits)
        advice_index.add_child(instance=page)
        page.save_revision().publish()
        return ReisadviesPage.objects.get(pk=page.pk)

    return make
