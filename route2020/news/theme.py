"""A theme page counts the theme's news and links to it (see route2020/themes/sections.py)."""

from django.utils.translation import ngettext_lazy

from route2020.core.pages import public
from route2020.themes.sections import Holding

from .models import NewsIndexPage, NewsItemPage


def theme_holdings():
    return [
        Holding(
            "nieuws",
            ngettext_lazy("%(count)s nieuwsbericht", "%(count)s nieuwsberichten", "count"),
            lambda theme: public(NewsItemPage.objects.live()).filter(themes=theme),
            NewsIndexPage,
            {"thema": "{slug}"},
            order=50,
        )
    ]
