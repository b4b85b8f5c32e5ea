"""The demo's plans and decisions agree with the seed and with each other."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from route2020.agenda.models import ActionPage, ActionPlanPage, BudgetLine, Milestone
from route2020.decisions.models import DecisionPage
from route2020.demo.loader import load
from route2020.themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(load_once):
    load_once("seed", lambda: load(io.StringIO(), seed_only=True))


def test_the_seeds_decisions_are_there_with_their_dates(seeded):
    decisions = {d.slug: d for d in DecisionPage.objects.live()}
    assert (
        decisions["opdracht-branche-ontwikkelplan"].decided_by,
        decisions["opdracht-branche-ontwikkelplan"].display_date,
    ) == ("bestuur", "februari 2015")
    assert decisions["vijf-themas"].decided_by == "alv"
    assert decisions["vijf-themas"].themes.count() == 5
    assert decisions["plan-van-aanpak-het-startschot"].decided_on == date(2015, 9, 4)
    budget_2016 = decisions["begroting-2016-route-2020"]
    assert (budget_2016.decided_by, budget_2016.decided_on) == ("alv", date(2015, 12, 10))
    assert budget_2016.plans.count() == 5 and budget_2016.documents.count() == 1


def test_every_budget_decision_is_what_the_plans_were_allocated(seeded):
    for decision in DecisionPage.objects.filter(budget_year__isnull=False):
        allocated = BudgetLine.objects.filter(year=decision.budget_year).aggregate(
            total=Sum("allocated")
        )["total"]
        assert decision.budget_amount == allocated, decision.title
    assert DecisionPage.objects.get(slug="begroting-2016-route-2020").budget_amount == Decimal(
        610000
    )


def test_a_plan_per_theme_with_done_late_and_dropped_actions(seeded):
    assert ActionPlanPage.objects.live().count() == 5
    assert {plan.period for plan in ActionPlanPage.objects.all()} == {"2016–2020"}
    statuses = set(ActionPage.objects.values_list("status", flat=True))
    assert statuses == {"gepland", "lopend", "afgerond", "vervallen"}
    dropped = ActionPage.objects.get(status="vervallen")
    assert "KB" in dropped.status_note
    # its milestone still open shows the state of a dropped action, not "overdue"
    assert "vervallen" in {milestone.state().value for milestone in dropped.milestones.all()}
    late = [m for m in Milestone.objects.all() if m.met_on and m.met_on > m.due_on]
    assert len(late) >= 5


def test_the_timeline_has_the_seeds_moments_in_order(seeded):
    timeline = list(ThemeIndexPage.objects.get().get_timeline())
    assert [entry.date for entry in timeline] == sorted(entry.date for entry in timeline)
    assert timeline[0].date == date(2015, 2, 1) and timeline[0].link is not None
    assert timeline[-1].title == "Route 2020 gaat door"


def test_loading_twice_adds_no_plan_decision_or_timeline_moment(seeded):
    counts = (
        ActionPage.objects.count(),
        DecisionPage.objects.count(),
        ThemeIndexPage.objects.get().timeline.count(),
    )
    load(io.StringIO(), seed_only=True)
    assert counts == (
        ActionPage.objects.count(),
        DecisionPage.objects.count(),
        ThemeIndexPage.objects.get().timeline.count(),
    )
