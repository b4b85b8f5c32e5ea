"""A theme page counts the theme's coming events and links to them (see
route2020/themes/sections.py)."""

from django.utils import timezone
from django.utils.translation import ngettext_lazy

from route2020.core.pages import public
from route2020.themes.sections import Holding

from .models import EventIndexPage, EventPage


def theme_holdings():
    return [
        Holding(
            "bijeenkomsten",
            ngettext_lazy(
                "%(count)s komende bijeenkomst", "%(count)s komende bijeenkomsten", "count"
            ),
            lambda theme: public(EventPage.objects.live()).filter(
                themes=theme, end__gte=timezone.now()
            ),
            EventIndexPage,
            {"thema": "{slug}"},
            order=40,
        )
    ]
