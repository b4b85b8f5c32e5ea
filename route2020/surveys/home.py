"""The home page's call to fill in a survey, while one is open (one query, when shown)."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from route2020.core.pages import index_url, public
from route2020.core.registry import HomeSection


def home_sections():
    from .models import SurveyIndexPage, SurveyPage

    now = timezone.now()
    open_surveys = (
        public(SurveyPage.objects.live())
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "pk")
        .only(*SurveyPage.LIST_FIELDS)
    )
    context = {
        "url": SimpleLazyObject(lambda: index_url(SurveyIndexPage) or "/enquetes/"),
        # lazy: the home page's cached fragment usually needs no query at all
        "surveys": SimpleLazyObject(lambda: list(open_surveys[:2])),
    }
    return [HomeSection("surveys/includes/home_section.html", context, region="callout", order=40)]
