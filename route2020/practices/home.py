"""The most recent practices for the home page: one query for the cards."""

from .models import PracticePage

HOME_COUNT = 4


def home_context():
    practices = (
        PracticePage.objects.live()
        .select_related("organisation")
        .only(*PracticePage.CARD_FIELDS, "organisation__name")
        .order_by("-sort_date", "-pk")[:HOME_COUNT]
    )
    return {"recent_practices": practices}
