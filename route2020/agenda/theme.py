"""The action plans on a theme page, and the five themes' progress side by side on /themas/
(see route2020/themes/sections.py)."""

from django.utils.translation import gettext_lazy as _

from route2020.core.pages import public
from route2020.themes.sections import ThemeSection

from .models import ActionPlanPage
from .progress import (
    Progress,
    budget_per_category_chart,
    budget_per_year_chart,
    milestone_chart,
    progress_by,
    status_chart,
    total,
)


def theme_sections():
    return [ThemeSection("agenda/includes/theme_plans.html", plans_of_theme, order=10)]


def theme_index_sections():
    return [ThemeSection("agenda/includes/themes_progress.html", themes_progress, order=10)]


def plans_of_theme(theme):
    """The theme's live plans, each with its progress, and the charts: four queries."""
    plans = list(
        public(ActionPlanPage.objects.child_of(theme).live())
        .defer_streamfields()
        .order_by("starts_on", "path")
    )
    if not plans:
        return {"plans": []}
    found = progress_by(theme.path, theme.depth + 1)
    for plan in plans:
        plan.progress = found.get(plan.path, Progress())
    progresses = [plan.progress for plan in plans]
    categories = [plan.title for plan in plans]
    theme_total = total(progresses)
    single = len(plans) == 1  # then a bar per status, not a row per plan
    return {
        "plans": plans,
        "progress": theme_total,
        "charts": [
            (
                "acties",
                _("Status") if single else _("Plan"),
                status_chart(_("Acties per status"), categories, progresses),
            ),
            (
                "mijlpalen",
                _("Stand") if single else _("Plan"),
                milestone_chart(_("Mijlpalen"), categories, progresses),
            ),
            (
                "budget",
                _("Jaar"),
                budget_per_year_chart(_("Budget per jaar: toegekend en besteed"), theme_total),
            ),
        ],
    }


def themes_progress(index, themes):
    """The themes' progress side by side and the budget of the whole programme: three queries."""
    found = progress_by(index.path, index.depth + 1)
    progresses = [found.get(theme.path, Progress()) for theme in themes]
    categories = [theme.label for theme in themes]
    programme = total(progresses)
    single = len(themes) == 1
    return {
        "programme": programme,
        "charts": [
            (
                "acties",
                _("Status") if single else _("Thema"),
                status_chart(_("Acties per status"), categories, progresses),
            ),
            (
                "mijlpalen",
                _("Stand") if single else _("Thema"),
                milestone_chart(_("Mijlpalen"), categories, progresses),
            ),
            (
                "budget-thema",
                _("Thema"),
                budget_per_category_chart(_("Budget per thema"), categories, progresses),
            ),
            (
                "budget-jaar",
                _("Jaar"),
                budget_per_year_chart(_("Budget van Route 2020 per jaar"), programme),
            ),
        ],
    }
