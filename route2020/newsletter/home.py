"""The home page's call to subscribe, with the latest sent Reisflits (one query, when shown)."""

from django.utils.functional import SimpleLazyObject

from route2020.core.pages import index_url, public
from route2020.core.registry import HomeSection


def home_sections():
    from .models import NewsletterIndexPage, NewsletterIssuePage

    latest = (
        public(NewsletterIssuePage.objects.live())
        .sent()
        .select_related("dispatch")
        .order_by("-dispatch__started_at", "-pk")
        .only("title", "url_path", "path", "depth", "intro", "dispatch__started_at")
    )
    context = {
        "url": index_url(NewsletterIndexPage) or "/reisflitsen/",
        # lazy: the home page's cached fragment usually needs no query at all
        "latest_issue": SimpleLazyObject(latest.first),
    }
    return [HomeSection("newsletter/includes/home_section.html", context, region="callout")]
