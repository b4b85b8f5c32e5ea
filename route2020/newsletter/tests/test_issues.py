import pytest

from route2020.newsletter.models import NewsletterIssuePage
from route2020.newsletter.tests.conftest import mark_sent, send_issue

pytestmark = pytest.mark.django_db


def test_issue_is_online_only_once_sent(
    client, make_issue, news_items, make_subscriber, django_capture_on_commit_callbacks
):
    issue = make_issue(title="Reisflits december", items=news_items[:2])
    make_subscriber()
    assert client.get(issue.url).status_code == 404
    assert "Reisflits december" not in client.get("/reisflitsen/").content.decode()
    assert "Reisflits december" not in client.get("/reisflitsen/feed/").content.decode()

    send_issue(issue, django_capture_on_commit_callbacks)

    page = client.get(issue.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nieuwsbericht 1" in html and "Nieuwsbericht 2" in html
    assert "Reisflits december" in client.get("/reisflitsen/").content.decode()
    feed = client.get("/reisflitsen/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Reisflits december" in feed.content.decode()


def test_unpublished_item_is_left_out(client, make_issue, news_items):
    issue = make_issue(items=news_items)
    news_items[1].unpublish()
    mark_sent(issue)
    html = client.get(issue.url).content.decode()
    assert "Nieuwsbericht 1" in html and "Nieuwsbericht 2" not in html


@pytest.mark.parametrize("count", [5, 50])
def test_archive_query_count_is_fixed(
    client, make_issue, newsletter_index, count, django_assert_num_queries
):
    for number in range(count):
        mark_sent(make_issue(title=f"Reisflits nummer {number}"), days_ago=number)
    make_issue(title="Nog niet verstuurd")
    client.get("/reisflitsen/")  # warm the site lookups
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(13):  # with an empty cache; warm: test_serving_cost
        response = client.get("/reisflitsen/")
    html = response.content.decode()
    assert "Reisflits nummer 0" in html
    assert "Nog niet verstuurd" not in html
    assert ("Pagina 1 van" in html) == (count > 12)


@pytest.mark.parametrize("count", [5, 50])
def test_feed_query_count_is_fixed(client, make_issue, count, django_assert_num_queries):
    for number in range(count):
        mark_sent(make_issue(), days_ago=number)
    client.get("/reisflitsen/feed/")
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(6):
        client.get("/reisflitsen/feed/")


def test_mail_preview_mode(make_issue, news_items, rf, make_user):
    issue = make_issue(items=news_items[:1])
    request = rf.get("/")
    request.user = make_user(role="Redactie")
    response = issue.serve_preview(request, "mail")
    html = response.content.decode()
    assert "<table" in html and "Nieuwsbericht 1" in html and "testmail" in html
    assert "R2020-" not in html
    assert [mode for mode, _ in NewsletterIssuePage.preview_modes] == ["", "mail"]


def test_home_section(make_issue, django_assert_num_queries):
    from route2020.newsletter.home import home_sections

    mark_sent(make_issue(title="Laatste"))
    home_sections()  # the site's root paths are cached after the first page URL
    with django_assert_num_queries(1):
        context = home_sections()[0].context
        assert context["latest_issue"].title == "Laatste"
    assert context["url"] == "/reisflitsen/"


def test_search_finds_an_issue_only_once_sent(
    make_issue, make_subscriber, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    issue = make_issue(title="Zoekbare Reisflits")
    make_subscriber()
    assert not Page.objects.live().search("Zoekbare")
    send_issue(issue, django_capture_on_commit_callbacks)
    assert [page.pk for page in Page.objects.live().search("Zoekbare")] == [issue.pk]


def test_an_issue_lists_the_events_around_its_own_date(client, make_issue, home):
    """A Reisflits sent in November 2017 does not announce events of years later."""
    import datetime

    from django.utils import timezone

    from route2020.core.pages import child
    from route2020.events.models import EventIndexPage, EventPage

    events = child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten")
    sent = timezone.now() - datetime.timedelta(days=9 * 365)
    pages = {}
    for slug, start in [("toen", sent + datetime.timedelta(days=20)), ("nu", timezone.now())]:
        pages[slug] = child(
            events,
            EventPage,
            slug,
            title=f"Bijeenkomst {slug}",
            start=start + datetime.timedelta(days=10),
            end=start + datetime.timedelta(days=10, hours=4),
            venue_name="Cultura",
        )
    issue = make_issue()
    issue.items = [("event", {"page": page, "note": ""}) for page in pages.values()]
    issue.save_revision().publish()
    mark_sent(issue, days_ago=9 * 365)
    html = client.get(issue.url).content.decode()
    assert "Bijeenkomst toen" in html
    assert "Bijeenkomst nu" not in html


def test_every_spelling_of_a_page_number_shares_the_kept_archive(
    client, make_issue, newsletter_index, settings, django_assert_num_queries
):
    """Keyed on the page shown (route2020.core.pagination): `?pagina=02`, `99` or `2 ` add no
    fragment of their own and cost no query beyond the page once the archive is kept."""
    settings.PAGE_CACHE_ENABLED = False
    for number in range(14):
        mark_sent(make_issue(title=f"Reisflits nummer {number:02d}"), days_ago=number)
    assert "Reisflits nummer 13" in client.get("/reisflitsen/", {"pagina": "2"}).content.decode()
    for written in ("02", "99", "2 "):
        with django_assert_num_queries(1):  # the page itself; the archive is kept
            html = client.get("/reisflitsen/", {"pagina": written}).content.decode()
        assert "Reisflits nummer 13" in html and "Reisflits nummer 00" not in html
