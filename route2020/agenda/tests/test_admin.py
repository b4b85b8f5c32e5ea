"""The office edits plans and actions in /beheer/: bad input gets a Dutch message next to the
field, nothing is half-saved, and the database refuses what the form would never let through."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from route2020.agenda.models import ActionPage, ActionPlanPage, BudgetLine
from route2020.core.tests.factories import PASSWORD

from .factories import make_action, make_plan

# The office publishes these pages at once: without the approval workflow.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_workflow")]


@pytest.fixture
def plan(theme):
    return make_plan(theme, title="Actieplan Collectieve marketing 2016–2020")


@pytest.fixture
def owner(make_organisation):
    return make_organisation(name="Trendsactive", province_code=None)


def plan_form(**overrides):
    data = {
        "title": "Actieplan Collectieve marketing 2016–2020",
        "slug": "actieplan-2016-2020",
        "intro": "",
        "starts_on": "2016-01-01",
        "ends_on": "2020-12-31",
        "goals": streamfield([]),
        "body": streamfield([]),
        "progress_updates": inline_formset([]),
        "internal_note": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def action_form(owner, milestones=(), budget=(), **overrides):
    data = {
        "title": "Campagne ‘de Bibliotheek maakt je rijker’",
        "slug": "campagne",
        "intro": "",
        "owner_organisation": str(owner.pk),
        "status": "lopend",
        "status_note": "",
        "body": streamfield([]),
        "milestones": inline_formset(
            [{"title": t, "due_on": due, "met_on": met} for t, due, met in milestones]
        ),
        "budget_lines": inline_formset(
            [{"year": y, "allocated": a, "spent": s} for y, a, s in budget]
        ),
        "practice_links": inline_formset([]),
        "event_links": inline_formset([]),
        "internal_note": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_action_url(plan):
    return f"/beheer/pages/add/agenda/actionpage/{plan.pk}/"


def child_errors(response, formset, field):
    form = response.context["form"].formsets[formset].forms[0]
    return form.errors.get(field, [])


def test_office_creates_a_plan_and_an_action_with_milestones_and_budget(
    editor_client, theme, owner
):
    response = editor_client.post(
        f"/beheer/pages/add/agenda/actionplanpage/{theme.pk}/", plan_form()
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = ActionPlanPage.objects.get(slug="actieplan-2016-2020")
    response = editor_client.post(
        add_action_url(plan),
        action_form(
            owner,
            milestones=[("Glansrijk live", "2017-05-01", "2017-05-01")],
            budget=[("2017", "250000", "240000")],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    action = ActionPage.objects.get(slug="campagne")
    assert action.live and action.owner_organisation == owner
    assert [(m.title, m.met_on) for m in action.milestones.all()] == [
        ("Glansrijk live", date(2017, 5, 1))
    ]
    assert [(b.year, b.allocated, b.spent) for b in action.budget_lines.all()] == [
        (2017, Decimal(250000), Decimal(240000))
    ]


def test_a_spent_amount_without_its_year_is_refused_next_to_the_year(editor_client, plan, owner):
    response = editor_client.post(
        add_action_url(plan), action_form(owner, budget=[("", "1000", "500")])
    )
    assert response.status_code == 200
    message = "Vul het jaar in waar deze bedragen bij horen."
    assert child_errors(response, "budget_lines", "year") == [message]
    assert message in response.content.decode()
    assert 'value="500"' in response.content.decode()  # what was typed is kept
    assert not ActionPage.objects.exists() and not BudgetLine.objects.exists()


def test_a_milestone_met_before_the_plan_began_is_refused(editor_client, plan, owner):
    action = make_action(
        plan, milestones=[("Bureau gekozen", date(2016, 4, 30), date(2016, 4, 20))]
    )
    revisions = Revision.page_revisions.filter(object_id=str(action.pk)).count()
    data = action_form(
        owner,
        milestones=[("Bureau gekozen", "2016-04-30", "2015-12-01")],
        slug=action.slug,
    )
    response = editor_client.post(f"/beheer/pages/{action.pk}/edit/", data)
    assert response.status_code == 200
    errors = child_errors(response, "milestones", "met_on")
    assert errors and "vóór het begin van het plan (1 januari 2016)" in errors[0]
    assert "Een mijlpaal kan niet gehaald zijn voordat het plan begon." in response.content.decode()
    # Nothing saved: no revision, the published milestone unchanged.
    assert Revision.page_revisions.filter(object_id=str(action.pk)).count() == revisions
    assert action.milestones.get().met_on == date(2016, 4, 20)


@pytest.mark.parametrize(
    ("field", "value"), [("allocated", "-5"), ("spent", "-0.01")], ids=["toegekend", "besteed"]
)
def test_negative_amounts_are_refused(editor_client, plan, owner, field, value):
    budget = {"allocated": "1000", "spent": "10"} | {field: value}
    response = editor_client.post(
        add_action_url(plan),
        action_form(owner, budget=[("2016", budget["allocated"], budget["spent"])]),
    )
    assert response.status_code == 200
    assert child_errors(response, "budget_lines", field) == ["Een bedrag kan niet negatief zijn."]
    assert not ActionPage.objects.exists()


def test_spending_more_than_allocated_is_saved_with_a_warning(editor_client, plan, owner):
    response = editor_client.post(
        add_action_url(plan),
        action_form(owner, budget=[("2016", "1000", "900"), ("2017", "250000", "268400")]),
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Let op: in 2017 is meer besteed dan toegekend." in html
    action = ActionPage.objects.get(slug="campagne")
    assert action.live and action.budget_lines.count() == 2
    # The public page says so too.
    page = editor_client.get(action.url).content.decode()
    assert "€ 268.400 <strong>(meer dan toegekend)</strong>" in page.replace("\xa0", " ")


def test_a_budget_year_outside_the_plan_and_a_second_line_for_a_year_are_refused(
    editor_client, plan, owner
):
    response = editor_client.post(
        add_action_url(plan),
        action_form(owner, budget=[("2021", "10", "0")]),
    )
    assert child_errors(response, "budget_lines", "year") == [
        "2021 valt buiten de looptijd van het plan (2016–2020)."
    ]
    response = editor_client.post(
        add_action_url(plan),
        action_form(owner, budget=[("2017", "10", "0"), ("2017", "20", "0")]),
    )
    second = response.context["form"].formsets["budget_lines"].forms[1]
    assert second.errors["year"] == [
        "Voor 2017 staat er al een regel: zet de bedragen in één regel."
    ]
    assert not ActionPage.objects.exists()


def test_a_dropped_action_needs_its_reason(editor_client, plan, owner):
    response = editor_client.post(add_action_url(plan), action_form(owner, status="vervallen"))
    assert response.status_code == 200
    assert response.context["form"].errors["status_note"] == [
        "Schrijf op waarom deze actie is vervallen."
    ]
    assert not ActionPage.objects.exists()


def test_a_plan_cannot_end_before_it_starts(editor_client, theme):
    response = editor_client.post(
        f"/beheer/pages/add/agenda/actionplanpage/{theme.pk}/",
        plan_form(starts_on="2020-01-01", ends_on="2016-12-31"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "Het plan kan niet eindigen voordat het begint."
    ]
    assert not ActionPlanPage.objects.exists()


def test_moving_a_plans_start_past_its_milestones_is_refused(editor_client, plan):
    make_action(plan, milestones=[("Bureau gekozen", date(2016, 4, 30), date(2016, 4, 20))])
    response = editor_client.post(
        f"/beheer/pages/{plan.pk}/edit/", plan_form(starts_on="2017-01-01", slug=plan.slug)
    )
    assert response.status_code == 200
    assert "Mijlpaal ‘Bureau gekozen’ is al gehaald op 20 april 2016" in str(
        response.context["form"].errors["starts_on"]
    )
    plan.refresh_from_db()
    assert plan.starts_on == date(2016, 1, 1)


def test_the_database_keeps_amounts_and_periods_sound(plan):
    action = make_action(plan, budget={2016: (10, 5)})
    line = action.budget_lines.get()
    for field in ("allocated", "spent"):
        with pytest.raises(IntegrityError), transaction.atomic():
            BudgetLine.objects.filter(pk=line.pk).update(**{field: Decimal(-1)})
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanPage.objects.filter(pk=plan.pk).update(ends_on=date(2015, 12, 31))


def test_only_the_office_edits_plans(client, plan, make_user):
    guide = make_user(role="Regiogids")
    member = make_user(role="Lid")
    for person in (guide, member):
        client.logout()
        assert client.login(username=person.username, password=PASSWORD)
        response = client.get(f"/beheer/pages/{plan.pk}/edit/")
        assert response.status_code in (302, 403)
        response = client.post(
            f"/beheer/pages/add/agenda/actionplanpage/{plan.get_parent().pk}/",
            plan_form(slug="stiekem"),
        )
        assert response.status_code in (302, 403)
    assert not ActionPlanPage.objects.filter(slug="stiekem").exists()


def test_an_action_moved_to_another_plan_must_fit_its_period(editor_client, theme, plan, owner):
    from django.core.exceptions import ValidationError

    later = make_plan(theme, starts_on=date(2018, 1, 1), ends_on=date(2020, 12, 31))
    action = make_action(
        plan,
        milestones=[("Bureau gekozen", date(2016, 4, 30), date(2016, 4, 20))],
        budget={2016: (1000, 500)},
    )
    # The move view refuses, with the reasons in Dutch; the action stays where it is.
    url = f"/beheer/pages/{action.pk}/move/{later.pk}/confirm/"
    for response in (editor_client.get(url), editor_client.post(url)):
        assert response.status_code == 302
        assert response["Location"] == f"/beheer/pages/{action.pk}/move/"
    html = editor_client.get(f"/beheer/pages/{action.pk}/move/").content.decode()
    assert "vóór het begin van" in html and "Er staat budget in 2016" in html
    action.refresh_from_db()
    assert action.get_parent().pk == plan.pk
    # Moved some other way, the model's clean and the admin form check it again.
    ActionPage.objects.get(pk=action.pk).move(later, pos="last-child")
    moved = ActionPage.objects.get(pk=action.pk)
    with pytest.raises(ValidationError) as refused:
        moved.full_clean()
    assert "Er staat budget in 2016" in str(refused.value)
    data = action_form(
        owner,
        milestones=[("Bureau gekozen", "2016-04-30", "2016-04-20")],
        budget=[("2016", "1000", "500")],
        slug=action.slug,
    )
    response = editor_client.post(f"/beheer/pages/{action.pk}/edit/", data)
    assert response.status_code == 200
    assert child_errors(response, "milestones", "met_on")
    assert child_errors(response, "budget_lines", "year")
    # An action that fits moves.
    fitting = make_action(plan, milestones=[("Later", date(2018, 6, 1), date(2018, 5, 1))])
    url = f"/beheer/pages/{fitting.pk}/move/{later.pk}/confirm/"
    assert editor_client.post(url).status_code == 302
    assert ActionPage.objects.get(pk=fitting.pk).get_parent().pk == later.pk
