"""News in the public API."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from route2020.core.pages import child
from route2020.news.models import NewsIndexPage, NewsItemPage

pytestmark = pytest.mark.django_db
URL = "/api/v1/news/"


@pytest.fixture
def make_item(home):
    index = child(home, NewsIndexPage, "nieuws", title="Nieuws")
    numbers = iter(range(1000))

    def make(day=20, **fields):
        number = next(numbers)
        item = NewsItemPage(
            title=fields.pop("title", f"Bericht {number}"),
            slug=f"bericht-{number}",
            date=datetime.date(2017, 11, day),
            **fields,
        )
        index.add_child(instance=item)
        item.save_revision().publish()
        return item

    return make


def test_newest_first_with_precision_and_a_date_range(client, make_item):
    make_item(title="Oktober", day=1, date_precision="maand")
    make_item(title="Congres", day=20, body=[("paragraph", "<p>Delen maakt je rijker.</p>")])
    rows = client.get(URL).json()["results"]
    assert [row["title"] for row in rows] == ["Congres", "Oktober"]
    assert rows[1]["date"] == "2017-11-01" and rows[1]["date_precision"] == "maand"
    rows = client.get(URL, {"van": "2017-11-02", "tot": "2017-11-30"}).json()["results"]
    assert [row["title"] for row in rows] == ["Congres"]
    detail = client.get(f"{URL}{rows[0]['id']}/").json()
    assert "<p>Delen maakt je rijker.</p>" in detail["body_html"]


def test_restricted_and_unpublished_news_is_not_there(client, make_item):
    hidden = make_item(title="Alleen voor leden")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    gone = make_item(title="Ingetrokken")
    gone.unpublish()
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{hidden.pk}/").status_code == 404
    assert client.get(f"{URL}{gone.pk}/").status_code == 404


def test_queries_per_page_are_fixed(client, make_item, django_assert_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    make_item()
    client.get(URL)
    with django_assert_num_queries(1):
        assert len(client.get(URL).json()["results"]) == 1
    for day in range(1, 9):
        make_item(day=day)
    client.get(URL)
    with django_assert_num_queries(1):
        assert len(client.get(URL).json()["results"]) == 9
