"""What the archive and an issue cost to serve, with the caches every request shares warm.

The counts include the site frame (site, route, menu, settings); they must not grow with the
number of issues or chosen pages.
"""

import datetime

import pytest
from django.utils import timezone

from route2020.core.pages import child
from route2020.newsletter.models import Dispatch
from route2020.newsletter.tests.conftest import mark_sent

pytestmark = pytest.mark.django_db

# the index page (its route is known in the process after the warming request) and the page of
# sent issues (their count and the sign-up form with its themes are kept from the request that
# warmed the rest; before: 7, then 5, then 4, then 3)
ARCHIVE_QUERIES = 2
# once the archive's page and the sign-up form are kept (route2020.core.fragments), until the
# next publish or sending: the index page (its route is known in the process)
ARCHIVE_KEPT = 1
# route, the issue (the page, then its dispatch: online yet?), the kinds of the chosen pages,
# one per kind (news, events) -- as in the benchmark (before: 10, the chosen pages loaded twice,
# the view restrictions and the parent page for the sign-up link asked each time)
ISSUE_QUERIES = 6
# with practices too: their table and their organisations (before: one per practice)
ISSUE_QUERIES_WITH_PRACTICES = 8


@pytest.fixture
def chosen_pages(home, make_organisation):
    """`per_kind` live news items, practices and events, as an issue's items."""
    from route2020.events.models import EventIndexPage, EventPage
    from route2020.news.models import NewsIndexPage, NewsItemPage
    from route2020.practices.models import PracticeIndexPage, PracticePage

    news = child(home, NewsIndexPage, "nieuws", title="Nieuws")
    practices = child(home, PracticeIndexPage, "praktijk", title="Praktijkvoorbeelden")
    events = child(home, EventIndexPage, "agenda", title="Bijeenkomsten")

    def make(per_kind, kinds=("news", "practice", "event")):
        items = []
        start = timezone.now() + datetime.timedelta(days=10)
        for number in range(per_kind):
            # a practice's meta line names its organisation: one for each practice
            organisation = make_organisation(name=f"Bibliotheek {number}")
            items += [
                (
                    "news",
                    child(
                        news,
                        NewsItemPage,
                        f"bericht-{number}",
                        title=f"Bericht {number}",
                        date=datetime.date(2017, 11, 1),
                        intro=f"Nieuws {number}.",
                    ),
                ),
                (
                    "practice",
                    child(
                        practices,
                        PracticePage,
                        f"praktijk-{number}",
                        title=f"Praktijk {number}",
                        summary="Samen lezen.",
                        status="afgerond",
                        organisation=organisation,
                    ),
                ),
                (
                    "event",
                    child(
                        events,
                        EventPage,
                        f"bijeenkomst-{number}",
                        title=f"Bijeenkomst {number}",
                        start=start,
                        end=start + datetime.timedelta(hours=2),
                        venue_name="Cultura",
                    ),
                ),
            ]
        return [(kind, {"page": page, "note": ""}) for kind, page in items if kind in kinds]

    return make


@pytest.mark.parametrize("count", [13, 30])  # two pages and more: page 2 warms, page 1 is asked
def test_archive_costs_a_fixed_number_of_queries(
    client, make_issue, themes, count, django_assert_num_queries, settings
):
    # What a signed-in member's request costs (a visitor's comes from the page cache).
    settings.PAGE_CACHE_ENABLED = False
    for number in range(count):
        mark_sent(make_issue(title=f"Reisflits nummer {number}"), days_ago=number)
    client.get("/reisflitsen/?pagina=2")  # warms what every request shares: site, menu, ...
    with django_assert_num_queries(ARCHIVE_QUERIES):
        response = client.get("/reisflitsen/")
    html = response.content.decode()
    assert html.count('class="r2020-card"') == min(count, 12)
    assert "Reisflits nummer 0" in html
    assert themes[0].title in html  # the sign-up form's theme choices
    with django_assert_num_queries(ARCHIVE_KEPT):
        html = client.get("/reisflitsen/").content.decode()
    assert html.count('class="r2020-card"') == min(count, 12)
    assert "Reisflits nummer 0" in html and themes[0].title in html


@pytest.mark.parametrize("per_kind", [1, 10])  # 2 or 3 chosen pages, 20 or 30
@pytest.mark.parametrize(
    ("kinds", "queries"),
    [
        (("news", "event"), ISSUE_QUERIES),
        (("news", "practice", "event"), ISSUE_QUERIES_WITH_PRACTICES),
    ],
)
def test_issue_costs_a_fixed_number_of_queries(
    client, make_issue, chosen_pages, per_kind, kinds, queries, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    issue = make_issue(title="Reisflits december", items=())
    issue.items = chosen_pages(per_kind, kinds)
    issue.save_revision().publish()
    mark_sent(issue)
    client.get("/reisflitsen/")  # warms what every request shares, not the issue itself
    with django_assert_num_queries(queries):
        response = client.get(issue.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="r2020-card"') == len(kinds) * per_kind
    assert f"Bericht {per_kind - 1}" in html and f"Bijeenkomst {per_kind - 1}" in html
    if "practice" in kinds:
        assert f"Bibliotheek {per_kind - 1}" in html  # the practice's organisation
    assert 'href="/reisflitsen/">Meld je aan voor de Reisflitsen</a>' in html


def test_sign_up_link_under_the_english_interface(client, make_issue, settings):
    settings.PAGE_CACHE_ENABLED = False
    issue = make_issue(title="Reisflits")
    mark_sent(issue)
    html = client.get(f"/en{issue.url}").content.decode()
    assert 'href="/en/reisflitsen/">' in html


def test_the_archive_order_has_an_index(newsletter_index):
    """The archive sorts sent issues by the start of their sending, newest first; an index
    in that order lets the database read the first page instead of sorting every issue."""
    from django.db import connection

    issues = newsletter_index.get_issues()
    assert issues.query.order_by == ("-dispatch__started_at", "-pk")
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Dispatch._meta.db_table)
    indexes = [
        (info["columns"], info.get("orders"))
        for info in constraints.values()
        if info["index"] and not info["unique"]
    ]
    assert (["started_at", "issue_id"], ["DESC", "DESC"]) in indexes


def test_the_kept_archive_and_issue_are_renewed_by_a_sending_and_a_publish(
    client, make_issue, settings
):
    settings.PAGE_CACHE_ENABLED = False
    first = make_issue(title="Reisflits oktober")
    mark_sent(first, days_ago=30)
    second = make_issue(title="Reisflits november")
    assert "Reisflits november" not in client.get("/reisflitsen/").content.decode()
    assert client.get(second.url).status_code == 404
    mark_sent(second)  # the sending starts: online and in the archive at once
    assert "Reisflits november" in client.get("/reisflitsen/").content.decode()
    assert client.get(second.url).status_code == 200
    assert "Reisflits oktober" in client.get(first.url).content.decode()
    first.title = "Reisflits oktober (herzien)"
    first.save_revision().publish()
    assert "Reisflits oktober (herzien)" in client.get(first.url).content.decode()
    assert "Reisflits oktober (herzien)" in client.get("/reisflitsen/").content.decode()


def test_a_posted_sign_up_form_is_never_kept_for_the_next_visitor(
    client, newsletter_index, themes, settings
):
    settings.PAGE_CACHE_ENABLED = False
    assert 'name="email"' in client.get("/reisflitsen/").content.decode()
    response = client.post("/reisflitsen/", {"email": "geen-adres", "name": "Vera Jansen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Vera Jansen"' in html and "Vul een geldig e-mailadres in" in html
    html = client.get("/reisflitsen/").content.decode()
    assert "Vera Jansen" not in html and "Vul een geldig e-mailadres in" not in html
