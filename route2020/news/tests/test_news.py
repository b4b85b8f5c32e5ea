import datetime
import xml.etree.ElementTree as ET

import pytest

from route2020.core.demo.load import child
from route2020.news.models import NewsIndexPage, NewsItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home):
    return child(home, NewsIndexPage, "nieuws", title="Nieuws")


def make_items(index, count, precision="dag"):
    for number in range(count):
        item = NewsItemPage(
            title=f"Bericht {number}",
            slug=f"bericht-{number}",
            date=datetime.date(2017, 11, 20) - datetime.timedelta(days=number),
            date_precision=precision,
            intro=f"Inleiding {number}",
        )
        index.add_child(instance=item)
        item.save_revision().publish()


@pytest.mark.parametrize(
    ("precision", "shown"),
    [("dag", "20 november 2017"), ("maand", "november 2017"), ("jaar", "2017")],
)
def test_dates_show_the_dutch_way_to_their_precision(news_index, client, precision, shown):
    make_items(news_index, 1, precision)
    html = client.get("/nieuws/bericht-0/").content.decode()
    assert f">{shown}</time>" in html


def test_english_interface_shows_english_months(news_index, client):
    make_items(news_index, 1)
    html = client.get("/en/nieuws/bericht-0/").content.decode()
    assert '<html lang="en"' in html
    assert ">20 November 2017</time>" in html


@pytest.mark.parametrize("count", [5, 50])
def test_news_list_runs_a_fixed_number_of_queries(
    news_index, client, count, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False
    make_items(news_index, count)
    client.get("/nieuws/")  # warm the caches every request shares (site root paths, menu)
    with django_assert_num_queries(QUERIES_NEWS_INDEX):
        response = client.get("/nieuws/")
    assert response.status_code == 200
    assert response.content.decode().count('class="r2020-card"') == min(count, 10)


QUERIES_NEWS_INDEX = 8


def test_news_feed_is_valid_atom_with_every_item(news_index, client):
    make_items(news_index, 12)
    response = client.get("/nieuws/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", ns)
    assert len(entries) == 12
    assert entries[0].find("atom:title", ns).text == "Bericht 0"
    assert entries[0].find("atom:link", ns).get("href").endswith("/nieuws/bericht-0/")


def test_unpublished_news_is_not_listed(news_index, client):
    make_items(news_index, 2)
    NewsItemPage.objects.get(slug="bericht-1").unpublish()
    html = client.get("/nieuws/").content.decode()
    assert "Bericht 0" in html
    assert "Bericht 1" not in html


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_runs_a_fixed_number_of_queries(
    news_index, client, count, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False
    make_items(news_index, count)
    client.get("/")
    with django_assert_max_num_queries(10):
        html = client.get("/").content.decode()
    assert html.count('class="r2020-card"') >= 4
