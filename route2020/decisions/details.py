"""What a decision page shows besides its own fields."""

from dataclasses import dataclass
from decimal import Decimal

from route2020.agenda.progress import budget_of_plans, is_public
from route2020.core.charts import display


@dataclass
class BudgetRow:
    plan: object
    allocated: Decimal
    spent: Decimal

    @property
    def allocated_display(self):
        return display(self.allocated, "€")

    @property
    def spent_display(self):
        return display(self.spent, "€")


@dataclass
class DecisionDetails:
    documents: list
    themes: list
    plans: list
    budget: list  # BudgetRow per plan, for the decision's budget year

    @property
    def allocated_display(self):
        return display(sum((row.allocated for row in self.budget), Decimal(0)), "€")

    @property
    def spent_display(self):
        return display(sum((row.spent for row in self.budget), Decimal(0)), "€")


def decision_details(decision):
    """Four queries (documents, themes, plans, the plans' budget); a preview's unsaved choices
    are shown as they are."""
    documents = list(decision.documents.select_related("document"))
    themes = sorted(
        (theme for theme in decision.themes.all() if is_public(theme)),
        key=lambda theme: (theme.number, theme.path),
    )
    plans = sorted(
        (plan for plan in decision.plans.all() if is_public(plan)), key=lambda plan: plan.path
    )
    budget = []
    if decision.budget_year and plans:
        amounts = budget_of_plans(plans, decision.budget_year)
        zero = [Decimal(0), Decimal(0)]
        budget = [BudgetRow(plan, *amounts.get(plan.path, zero)) for plan in plans]
    return DecisionDetails(documents, themes, plans, budget)
