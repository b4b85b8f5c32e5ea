"""The home page's call to subscribe, with the latest sent Reisflits (one query)."""


def home_context():
    from .models import NewsletterIndexPage, NewsletterIssuePage

    latest = (
        NewsletterIssuePage.objects.live()
        .public()
        .sent()
        .select_related("dispatch")
        .order_by("-dispatch__started_at", "-pk")
        .only("title", "url_path", "path", "depth", "intro", "dispatch__started_at")
        .first()
    )
    index = NewsletterIndexPage.objects.live().only("url_path", "path", "depth").first()
    return {
        "newsletter_signup": {
            "url": index.url if index else "/reisflitsen/",
            "latest_issue": latest,
        }
    }
