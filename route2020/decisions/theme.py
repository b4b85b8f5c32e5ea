"""A theme page counts the theme's decisions, links to them filtered, and lists the latest
(see route2020/themes/sections.py)."""

from django.utils.translation import ngettext_lazy

from route2020.core.pages import public
from route2020.themes.sections import Holding, ThemeSection

from .models import DecisionIndexPage, DecisionPage

LATEST = 5


def theme_holdings():
    return [
        Holding(
            "besluiten",
            ngettext_lazy("%(count)s besluit", "%(count)s besluiten", "count"),
            lambda theme: public(DecisionPage.objects.live()).filter(themes=theme),
            DecisionIndexPage,
            {"thema": "{slug}"},
            order=60,
        )
    ]


def theme_sections():
    return [ThemeSection("decisions/includes/theme_decisions.html", latest_decisions, order=60)]


def latest_decisions(theme):
    decisions = (
        public(DecisionPage.objects.live())
        .filter(themes=theme)
        .only(*DecisionPage.LIST_FIELDS)
        .order_by("-decided_on", "-pk")[:LATEST]
    )
    return {"decisions": list(decisions)}
