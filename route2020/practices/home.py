"""The most recent public practices for the home page (every visitor's, cached): one query
for the cards."""

from route2020.core.pages import public
from route2020.core.registry import HomeSection

from .models import PracticePage

HOME_COUNT = 4


def home_sections():
    practices = (
        public(PracticePage.objects.live())
        .select_related("organisation")
        .only(*PracticePage.CARD_FIELDS, "organisation__name")
        .order_by("-sort_date", "-pk")[:HOME_COUNT]
    )
    return [
        HomeSection(
            "practices/includes/home_section.html",
            {"recent_practices": practices},
            region="columns",
            order=30,
        )
    ]
