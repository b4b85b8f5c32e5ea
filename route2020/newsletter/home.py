"""The home page's call to subscribe, with the latest sent Reisflits (one query)."""

from route2020.core.pages import index_url, public


def home_context():
    from .models import NewsletterIndexPage, NewsletterIssuePage

    latest = (
        public(NewsletterIssuePage.objects.live())
        .sent()
        .select_related("dispatch")
        .order_by("-dispatch__started_at", "-pk")
        .only("title", "url_path", "path", "depth", "intro", "dispatch__started_at")
        .first()
    )
    return {
        "newsletter_signup": {
            "url": index_url(NewsletterIndexPage) or "/reisflitsen/",
            "latest_issue": latest,
        }
    }
