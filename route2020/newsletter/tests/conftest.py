import itertools

import pytest

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_sending(settings):
    """No pauses between messages or retries in tests; the limits themselves are tested apart."""
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    settings.NEWSLETTER_RETRY_DELAY_SECONDS = 0
    settings.NEWSLETTER_BATCH_SIZE = 20
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def newsletter_index(home):
    from route2020.newsletter.models import NewsletterIndexPage

    index = NewsletterIndexPage(title="Reisflitsen", slug="reisflitsen", intro="De nieuwsbrief.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def themes(home):
    from route2020.themes.models import ThemeIndexPage, ThemePage

    parent = ThemeIndexPage(title="Thema's", slug="themas")
    home.add_child(instance=parent)
    parent.save_revision().publish()
    result = []
    for number, title in enumerate(["Persoonlijke ontwikkeling", "Maatschappelijk domein"], 1):
        theme = ThemePage(title=title, slug=f"thema-{number}", number=number)
        parent.add_child(instance=theme)
        theme.save_revision().publish()
        result.append(theme)
    return result


@pytest.fixture
def news_items(home):
    import datetime

    from route2020.news.models import NewsIndexPage, NewsItemPage

    parent = NewsIndexPage(title="Nieuws", slug="nieuws")
    home.add_child(instance=parent)
    parent.save_revision().publish()
    items = []
    for number in range(1, 4):
        item = NewsItemPage(
            title=f"Nieuwsbericht {number}",
            slug=f"nieuws-{number}",
            intro=f"Inleiding van bericht {number}.",
            date=datetime.date(2017, 11, number),
        )
        parent.add_child(instance=item)
        item.save_revision().publish()
        items.append(item)
    return items


@pytest.fixture
def make_issue(newsletter_index):
    from route2020.newsletter.models import NewsletterIssuePage

    def make(title=None, items=(), live=True, **fields):
        number = next(_numbers)
        issue = NewsletterIssuePage(
            title=title or f"Reisflits {number}",
            slug=f"reisflits-{number}",
            intro=fields.pop("intro", "Wat er deze maand gebeurde."),
            items=[("news", {"page": page, "note": ""}) for page in items],
            **fields,
        )
        newsletter_index.add_child(instance=issue)
        if live:
            issue.save_revision().publish()
        else:
            issue.live = False
            issue.save_revision()
            issue.save()
        return issue

    return make


@pytest.fixture
def make_subscriber(db):
    from route2020.newsletter import links
    from route2020.newsletter.models import Subscriber

    def make(email=None, status=Subscriber.Status.CONFIRMED, **fields):
        return Subscriber.objects.create(
            email=email or f"abonnee{next(_numbers)}@example.org",
            status=status,
            link_key=links.new_link_key(),
            **fields,
        )

    return make


def send_issue(issue, django_capture_on_commit_callbacks):
    from route2020.newsletter import services

    with django_capture_on_commit_callbacks(execute=True):
        return services.start_sending(issue=issue)


def mark_sent(issue, days_ago=0):
    """Online without sending: a dispatch that finished sending `days_ago` days ago."""
    import datetime

    from django.utils import timezone

    from route2020.newsletter.models import Dispatch

    return Dispatch.objects.create(
        issue=issue,
        status=Dispatch.Status.SENT,
        started_at=timezone.now() - datetime.timedelta(days=days_ago),
        finished_at=timezone.now(),
    )
