"""Spending more than was allocated is allowed (the books must say what happened), but the
office is told at once, in the message after saving the action."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import ActionPage, ActionPlanPage


def warn_about_overspending(request, page):
    page = page.specific
    if not isinstance(page, ActionPage):
        return
    years = sorted(line.year for line in page.budget_lines.all() if line.overspent)
    if years:
        messages.warning(
            request,
            format_lazy(
                _(
                    "Let op: in {years} is meer besteed dan toegekend. Dat mag, maar de website "
                    "toont het zo. Klopt het niet, pas dan de budgetregel aan."
                ),
                years=", ".join(str(year) for year in years),
            ),
        )


hooks.register("after_create_page", warn_about_overspending)
hooks.register("after_edit_page", warn_about_overspending)


def _move_refusal(page, destination):
    """The messages that stop moving this action to `destination`, or []."""
    page, destination = page.specific, destination.specific
    if not isinstance(page, ActionPage) or not isinstance(destination, ActionPlanPage):
        return []
    return page.plan_errors(destination)


@hooks.register("before_move_page")
def refuse_moving_an_action_that_does_not_fit(request, page, destination):
    """An action moved to another plan must fit that plan's period, as the form demands."""
    errors = _move_refusal(page, destination)
    if errors:
        for error in errors:
            messages.error(request, error)
        messages.error(request, _("Pas eerst de actie aan; daarna kun je haar verplaatsen."))
        return redirect("wagtailadmin_pages:move", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_moving_actions_that_do_not_fit(request, action_type, objects, action):
    if action_type != "move":
        return None
    destination = getattr(action, "cleaned_form", None) and action.cleaned_form.cleaned_data.get(
        "chooser"
    )
    if destination is None:
        return None
    errors = [error for page in objects for error in _move_refusal(page, destination)]
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(request.get_full_path())
    return None
