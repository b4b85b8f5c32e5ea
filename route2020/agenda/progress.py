"""How plans are doing: actions by status, milestones against their dates, budget per year.

Counted in the database, grouped by the start of the tree path, so the same three queries
serve one plan, the plans of a theme (grouped per plan) or all five themes (grouped per
theme), whatever the number of actions. Only live, public actions count; their milestones
and budget lines are the published ones (a draft's lines stay in its revision).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from route2020.core.charts import Chart, Series, display
from route2020.core.pages import public, restricted_paths

from .models import (
    ActionEvent,
    ActionPage,
    ActionPractice,
    BudgetLine,
    Milestone,
    MilestoneState,
    Status,
    milestone_state_filters,
)

ZERO = Decimal(0)


@dataclass
class Progress:
    statuses: dict = field(default_factory=dict)  # Status value -> number of actions
    milestones: dict = field(default_factory=dict)  # MilestoneState value -> number
    budget: dict = field(default_factory=dict)  # year -> [allocated, spent]

    @property
    def actions(self):
        return sum(self.statuses.values())

    @property
    def milestones_total(self):
        return sum(self.milestones.values())

    @property
    def milestones_on_time(self):
        return self.milestones.get(MilestoneState.ON_TIME, 0)

    @property
    def milestones_overdue(self):
        return self.milestones.get(MilestoneState.OVERDUE, 0)

    @property
    def allocated(self):
        return sum((amounts[0] for amounts in self.budget.values()), ZERO)

    @property
    def spent(self):
        return sum((amounts[1] for amounts in self.budget.values()), ZERO)

    @property
    def allocated_display(self):
        return display(self.allocated, "€")

    @property
    def spent_display(self):
        return display(self.spent, "€")

    @property
    def overspent(self):
        return self.spent > self.allocated

    @property
    def done(self):
        return self.statuses.get(Status.DONE.value, 0)

    @property
    def years(self):
        return sorted(self.budget)

    @property
    def is_empty(self):
        return not (self.statuses or self.milestones or self.budget)

    def add(self, other):
        for status, number in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + number
        for state, number in other.milestones.items():
            self.milestones[state] = self.milestones.get(state, 0) + number
        for year, (allocated, spent) in other.budget.items():
            amounts = self.budget.setdefault(year, [ZERO, ZERO])
            amounts[0] += allocated
            amounts[1] += spent
        return self


def live_actions(path):
    """Live, public actions below the page with this tree path."""
    return public(ActionPage.objects.live().filter(path__startswith=path))


def progress_by(path, depth, today=None):
    """{tree path of the ancestor at `depth`: Progress} for the actions below `path`.

    Three queries: actions per status, milestones per state, budget per year.
    """
    today = today or timezone.localdate()
    length = depth * ActionPage.steplen
    actions = live_actions(path)
    action_ids = actions.values("pk")
    found = defaultdict(Progress)
    rows = (
        actions.order_by()
        .annotate(key=Substr("path", 1, length))
        .values("key", "status")
        .annotate(number=Count("pk"))
    )
    for row in rows:
        found[row["key"]].statuses[row["status"]] = row["number"]
    states = list(milestone_state_filters(today).items())
    rows = (
        Milestone.objects.filter(action__in=action_ids)
        .order_by()
        .annotate(key=Substr("action__path", 1, length))
        .values("key")
        .annotate(**{f"n{i}": Count("pk", filter=test) for i, (_s, test) in enumerate(states)})
    )
    for row in rows:
        found[row["key"]].milestones = {
            state.value: row[f"n{i}"] for i, (state, _t) in enumerate(states) if row[f"n{i}"]
        }
    rows = (
        BudgetLine.objects.filter(action__in=action_ids)
        .order_by()
        .annotate(key=Substr("action__path", 1, length))
        .values("key", "year")
        .annotate(allocated=Sum("allocated"), spent=Sum("spent"))
    )
    for row in rows:
        found[row["key"]].budget[row["year"]] = [row["allocated"] or ZERO, row["spent"] or ZERO]
    return dict(found)


def total(progresses):
    result = Progress()
    for progress in progresses:
        result.add(progress)
    return result


# --- charts ----------------------------------------------------------------------------------


def _shares_chart(title, categories, progresses, choices, values_of):
    """One plan: a bar per status (easy to read); several: a 100 % bar per plan or theme."""
    if len(categories) == 1:
        values = values_of(progresses[0])
        return Chart(
            title,
            [choice.label for choice in choices],
            [Series(_("Aantal"), [values.get(choice.value, 0) for choice in choices])],
            kind="bars",
        )
    return Chart(
        title,
        categories,
        [
            Series(choice.label, [values_of(p).get(choice.value, 0) for p in progresses])
            for choice in choices
        ],
        kind="stacked",
    )


def status_chart(title, categories, progresses):
    return _shares_chart(title, categories, progresses, Status, lambda p: p.statuses)


def milestone_chart(title, categories, progresses):
    return _shares_chart(title, categories, progresses, MilestoneState, lambda p: p.milestones)


def budget_per_year_chart(title, progress):
    years = progress.years
    return Chart(
        title,
        [str(year) for year in years],
        [
            Series(_("Toegekend"), [progress.budget[year][0] for year in years]),
            Series(_("Besteed"), [progress.budget[year][1] for year in years]),
        ],
        kind="columns",
        unit="€",
    )


def budget_per_category_chart(title, categories, progresses):
    return Chart(
        title,
        categories,
        [
            Series(_("Toegekend"), [p.allocated for p in progresses]),
            Series(_("Besteed"), [p.spent for p in progresses]),
        ],
        kind="bars",
        unit="€",
    )


# --- a plan and an action with everything they show ------------------------------------------


def is_public(page):
    return page.live and not any(page.path.startswith(path) for path in restricted_paths())


@dataclass
class PlanDetails:
    actions: list
    progress: Progress
    updates: list
    decisions: list
    charts: list  # (id, label of the categories, Chart)
    by_status: list  # (Status, [actions]) in the order of the statuses


def plan_details(plan, today=None):
    """Everything the plan page shows, in seven queries whatever the number of actions."""
    today = today or timezone.localdate()
    actions = list(
        live_actions(plan.path)
        .filter(depth=plan.depth + 1)
        .select_related("owner_organisation")
        .defer_streamfields()
        .order_by("path")
    )
    by_id = {action.pk: action for action in actions}
    for action in actions:
        action.milestone_list, action.budget_list = [], []
        action.practices, action.events = [], []
        action.progress = Progress(statuses={action.status: 1})
    for milestone in Milestone.objects.filter(action__in=by_id).order_by("due_on", "pk"):
        action = by_id[milestone.action_id]
        action.milestone_list.append(milestone)
        state = milestone.state(today, action_status=action.status).value
        action.progress.milestones[state] = action.progress.milestones.get(state, 0) + 1
    for line in BudgetLine.objects.filter(action__in=by_id).order_by("year", "pk"):
        action = by_id[line.action_id]
        action.budget_list.append(line)
        amounts = action.progress.budget.setdefault(line.year, [ZERO, ZERO])
        amounts[0] += line.allocated
        amounts[1] += line.spent
    links = ActionPractice.objects.filter(action__in=by_id).select_related("practice")
    for link in links.order_by("action", "sort_order"):
        if is_public(link.practice):
            by_id[link.action_id].practices.append(link.practice)
    links = ActionEvent.objects.filter(action__in=by_id).select_related("event")
    for link in links.order_by("event__start"):
        if is_public(link.event):
            by_id[link.action_id].events.append(link.event)
    progress = total(action.progress for action in actions)
    updates = sorted(plan.progress_updates.all(), key=lambda update: update.date, reverse=True)
    decisions = list(
        public(plan.decisions.live()).order_by("-decided_on", "-pk").defer_streamfields()
    )
    categories = [plan.title]
    charts = [
        ("acties", _("Status"), status_chart(_("Acties per status"), categories, [progress])),
        ("mijlpalen", _("Stand"), milestone_chart(_("Mijlpalen"), categories, [progress])),
        ("budget", _("Jaar"), budget_per_year_chart(_("Budget per jaar"), progress)),
    ]
    by_status = [
        (status, [action for action in actions if action.status == status.value])
        for status in Status
    ]
    return PlanDetails(actions, progress, updates, decisions, charts, by_status)


@dataclass
class ActionDetails:
    plan: object
    milestones: list
    budget: list
    practices: list
    events: list
    allocated: Decimal
    spent: Decimal

    @property
    def allocated_display(self):
        return display(self.allocated, "€")

    @property
    def spent_display(self):
        return display(self.spent, "€")


def action_details(action):
    """What the action page shows; works on a preview's unsaved lines as on published ones."""
    milestones = sorted(action.milestones.all(), key=lambda m: (m.due_on, m.sort_order or 0))
    budget = sorted(action.budget_lines.all(), key=lambda line: line.year)
    practices = [
        link.practice
        for link in action.practice_links.select_related("practice")
        if is_public(link.practice)
    ]
    events = sorted(
        (
            link.event
            for link in action.event_links.select_related("event")
            if is_public(link.event)
        ),
        key=lambda event: event.start,
    )
    return ActionDetails(
        plan=action.plan,
        milestones=milestones,
        budget=budget,
        practices=practices,
        events=events,
        allocated=sum((line.allocated or ZERO for line in budget), ZERO),
        spent=sum((line.spent or ZERO for line in budget), ZERO),
    )


def budget_of_plans(plans, year):
    """{plan path: [allocated, spent]} in `year` for these plans' live actions: one query."""
    plans = list(plans)
    if not plans:
        return {}
    under_plans = Q()
    for plan in plans:
        under_plans |= Q(path__startswith=plan.path)
    actions = public(ActionPage.objects.live().filter(under_plans))
    length = plans[0].depth * ActionPage.steplen
    rows = (
        BudgetLine.objects.filter(year=year, action__in=actions.values("pk"))
        .order_by()
        .annotate(key=Substr("action__path", 1, length))
        .values("key")
        .annotate(allocated=Sum("allocated"), spent=Sum("spent"))
    )
    return {row["key"]: [row["allocated"] or ZERO, row["spent"] or ZERO] for row in rows}
