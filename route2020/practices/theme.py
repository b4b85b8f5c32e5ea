"""A theme page counts the theme's practices, pilots and parels, each linking to the listing
filtered on the theme (see route2020/themes/sections.py)."""

from django.utils.translation import ngettext_lazy

from route2020.core.pages import public
from route2020.themes.sections import Holding

from .models import Kind, PracticeIndexPage, PracticePage


def of_theme(theme):
    return public(PracticePage.objects.live()).filter(themes=theme)


def theme_holdings():
    return [
        Holding(
            "praktijkvoorbeelden",
            ngettext_lazy("%(count)s praktijkvoorbeeld", "%(count)s praktijkvoorbeelden", "count"),
            lambda theme: of_theme(theme).filter(kind=Kind.PRACTICE),
            PracticeIndexPage,
            {"thema": "{slug}", "soort": Kind.PRACTICE.value},
            order=10,
        ),
        Holding(
            "proeftuinen",
            ngettext_lazy("%(count)s proeftuin", "%(count)s proeftuinen", "count"),
            lambda theme: of_theme(theme).filter(kind=Kind.PILOT),
            PracticeIndexPage,
            {"thema": "{slug}", "soort": Kind.PILOT.value},
            order=20,
        ),
        Holding(
            "parels",
            ngettext_lazy("%(count)s parel", "%(count)s parels", "count"),
            lambda theme: of_theme(theme).filter(is_parel=True),
            PracticeIndexPage,
            {"thema": "{slug}", "parel": "1"},
            order=30,
        ),
    ]
