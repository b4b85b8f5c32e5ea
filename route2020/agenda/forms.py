"""The page forms of /beheer/: checks that need the plan around an action.

A milestone or budget line cannot check itself against the plan's period (the line does not
know its plan while the action is being written), so the action's form does it, and puts
each message next to the field it is about. Nothing is saved while one of them stands.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def live_rows(formset):
    """The filled-in, not deleted forms of an inline, with their cleaned data."""
    formset.is_valid()  # cleans every form once; errors stay where they are
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    for form in formset.forms:
        if form in deleted or not form.has_changed() and not form.instance.pk:
            continue
        yield form, getattr(form, "cleaned_data", {})


def day(value):
    return formats.date_format(value, "j F Y")


class ActionPlanForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        starts_on, ends_on = cleaned_data.get("starts_on"), cleaned_data.get("ends_on")
        if not (self.instance.pk and starts_on and ends_on and ends_on >= starts_on):
            return cleaned_data
        # Moving the period must not leave the plan's actions behind.
        from .models import BudgetLine, Milestone

        actions = self.instance.get_children()
        early = (
            Milestone.objects.filter(action__in=actions, met_on__lt=starts_on)
            .order_by("met_on")
            .first()
        )
        if early:
            self.add_error(
                "starts_on",
                _(
                    "Mijlpaal ‘%(title)s’ is al gehaald op %(met)s, vóór deze begindatum. "
                    "Pas eerst de mijlpaal aan."
                )
                % {"title": early.title, "met": day(early.met_on)},
            )
        outside = (
            BudgetLine.objects.filter(action__in=actions)
            .exclude(year__range=(starts_on.year, ends_on.year))
            .order_by("year")
            .first()
        )
        if outside:
            self.add_error(
                "ends_on" if outside.year > ends_on.year else "starts_on",
                _(
                    "Er staat budget in %(year)s, buiten deze looptijd. Pas eerst de "
                    "budgetregels van de acties aan."
                )
                % {"year": outside.year},
            )
        return cleaned_data


class ActionForm(WagtailAdminPageForm):
    def plan(self):
        from .models import ActionPlanPage

        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return parent.specific if isinstance(parent.specific, ActionPlanPage) else None

    def clean(self):
        cleaned_data = super().clean()
        plan = self.plan()
        # The plan's period is checked here, beside each field; the model's clean need not
        # repeat it at the top of the form.
        self.instance.plan_checked = True
        today = timezone.localdate()
        for form, row in live_rows(self.formsets["milestones"]):
            met_on, due_on = row.get("met_on"), row.get("due_on")
            if met_on and met_on > today:
                form.add_error("met_on", _("Een mijlpaal kan niet in de toekomst gehaald zijn."))
            elif met_on and plan and met_on < plan.starts_on:
                form.add_error(
                    "met_on",
                    _(
                        "Deze datum ligt vóór het begin van het plan (%(start)s). Een mijlpaal "
                        "kan niet gehaald zijn voordat het plan begon."
                    )
                    % {"start": day(plan.starts_on)},
                )
            if due_on and plan and not plan.starts_on <= due_on <= plan.ends_on:
                form.add_error(
                    "due_on",
                    _("Kies een datum binnen de looptijd van het plan (%(period)s).")
                    % {"period": f"{day(plan.starts_on)} – {day(plan.ends_on)}"},
                )
        years = set()
        for form, row in live_rows(self.formsets["budget_lines"]):
            year = row.get("year")
            if year is None:
                continue
            if plan and year not in plan.years:
                form.add_error(
                    "year",
                    _("%(year)s valt buiten de looptijd van het plan (%(period)s).")
                    % {"year": year, "period": plan.period},
                )
            elif year in years:
                form.add_error(
                    "year",
                    _("Voor %(year)s staat er al een regel: zet de bedragen in één regel.")
                    % {"year": year},
                )
            years.add(year)
        return cleaned_data

    def overspent_years(self):
        """Years in which more is spent than allocated: allowed, but the office is warned."""
        return sorted(
            row["year"]
            for _form, row in live_rows(self.formsets["budget_lines"])
            if row.get("year") and (row.get("spent") or 0) > (row.get("allocated") or 0)
        )
