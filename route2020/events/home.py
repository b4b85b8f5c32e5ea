"""The next events on the home page: one query."""

from django.utils import timezone

from route2020.core.pages import public
from route2020.core.registry import HomeSection

HOME_EVENTS = 3


def home_sections():
    from .models import EventPage

    events = (
        public(EventPage.objects.live())
        .filter(end__gte=timezone.now())
        .order_by("start", "pk")
        .only(*EventPage.LIST_FIELDS)
        .select_related("province", "organiser")[:HOME_EVENTS]
    )
    return [
        HomeSection(
            "events/includes/home_section.html",
            {"upcoming_events": events},
            region="columns",
            order=20,
        )
    ]
