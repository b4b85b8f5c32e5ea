"""A theme page links to the Reisadviezen about it (see route2020/themes/sections.py)."""

from route2020.core.pages import public
from route2020.themes.sections import ThemeSection

from .models import ReisadviesPage


def theme_sections():
    return [ThemeSection("guides/includes/theme_reisadvies.html", advices_of, order=65)]


def advices_of(theme):
    advices = (
        public(ReisadviesPage.objects.live())
        .filter(themes=theme)
        .defer_streamfields()
        .order_by("-date", "-pk")
    )
    return {"advices": list(advices[:5])}
