import datetime
import xml.etree.ElementTree as ET

import pytest

from route2020.core.pages import child
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
    client.get("/")  # warm the caches every request shares (site root paths, menu), not /nieuws/
    with django_assert_num_queries(QUERIES_NEWS_INDEX):
        response = client.get("/nieuws/")
    assert response.status_code == 200
    assert response.content.decode().count('class="r2020-card"') == min(count, 10)
    # the listing fragment is cached now; only the serving queries are left
    with django_assert_num_queries(QUERIES_NEWS_INDEX_CACHED_LISTING):
        response = client.get("/nieuws/")
    assert response.content.decode().count('class="r2020-card"') == min(count, 10)


# Site, root page, route, its specific page; then the listing's count and items (without the
# page cache and with an empty fragment cache). The view-restriction check asks nothing.
QUERIES_NEWS_INDEX = 4
# Once the path's page is known in this process (route2020.core.fragments), only the page
# itself is read, by its key.
QUERIES_NEWS_INDEX_CACHED_LISTING = 1


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_publishing_a_news_item_renews_the_cached_listing(news_index, client, uncached):
    make_items(news_index, 2)
    assert "Bericht 0" in client.get("/nieuws/").content.decode()
    item = NewsItemPage(title="Vers bericht", slug="vers", date=datetime.date(2018, 1, 1))
    news_index.add_child(instance=item)
    item.save_revision().publish()
    assert "Vers bericht" in client.get("/nieuws/").content.decode()
    item.unpublish()
    assert "Vers bericht" not in client.get("/nieuws/").content.decode()


def test_each_listing_page_is_cached_on_its_own(news_index, client, uncached):
    make_items(news_index, 12)
    first = client.get("/nieuws/").content.decode()
    second = client.get("/nieuws/", {"pagina": "2"}).content.decode()
    assert "Bericht 0<" in first and "Bericht 11<" not in first
    assert "Bericht 11<" in second and "Bericht 0<" not in second


def test_news_item_article_is_cached_and_renewed_when_an_ancestor_changes(
    news_index, client, uncached, django_assert_max_num_queries
):
    make_items(news_index, 1)
    html = client.get("/nieuws/bericht-0/").content.decode()
    assert ">Nieuws</a>" in html
    with django_assert_max_num_queries(4):  # serving only: the article comes from the cache
        assert "Inleiding 0" in client.get("/nieuws/bericht-0/").content.decode()
    news_index.title = "Actueel"
    news_index.save_revision().publish()
    html = client.get("/nieuws/bericht-0/").content.decode()
    assert ">Actueel</a>" in html and ">Nieuws</a>" not in html


def test_article_cache_is_per_language(news_index, client, uncached):
    make_items(news_index, 1)
    client.get("/nieuws/bericht-0/")
    assert ">20 November 2017</time>" in client.get("/en/nieuws/bericht-0/").content.decode()
    assert ">20 november 2017</time>" in client.get("/nieuws/bericht-0/").content.decode()


def test_the_preview_never_uses_the_cached_article(news_index, client, uncached, make_user):
    make_items(news_index, 1)
    client.get("/nieuws/bericht-0/")
    item = NewsItemPage.objects.get(slug="bericht-0")
    item.intro = "Nog niet gepubliceerde inleiding"
    item.save_revision()
    editor = make_user(role="Redactie")
    client.force_login(editor)
    preview = client.post(
        f"/beheer/pages/{item.pk}/edit/preview/",
        {
            "title": item.title,
            "slug": item.slug,
            "date": "2017-11-20",
            "date_precision": "dag",
            "intro": item.intro,
            "body-count": "0",
        },
    )
    assert preview.status_code == 200
    html = client.get(f"/beheer/pages/{item.pk}/edit/preview/").content.decode()
    assert "Nog niet gepubliceerde inleiding" in html


def test_listings_sort_on_an_index(db):
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, NewsItemPage._meta.db_table)
    assert constraints["news_item_date_idx"]["columns"] == ["date", "page_ptr_id"]


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


def test_home_page_shows_news_published_after_it_was_cached(news_index, client, settings):
    settings.PAGE_CACHE_ENABLED = False  # only the home page's own fragment cache is in play
    make_items(news_index, 2)
    assert "Bericht 0" in client.get("/").content.decode()
    item = NewsItemPage(
        title="Nieuwste bericht", slug="nieuwste", date=datetime.date(2018, 1, 1), intro="Net uit."
    )
    news_index.add_child(instance=item)
    item.save_revision().publish()
    assert "Nieuwste bericht" in client.get("/").content.decode()


def test_a_lead_that_opens_the_body_is_shown_once(news_index, client):
    """The intro is the lead; a body that starts with the same paragraph does not repeat it."""
    lead = "De KB, SPN en de VOB gaan samen verder op de ingeslagen weg."
    item = NewsItemPage(
        title="Route 2020 gaat door",
        slug="gaat-door",
        date=datetime.date(2017, 11, 20),
        intro=lead,
        body=[("paragraph", f"<p>{lead}</p><p>Innovatie is overal.</p>")],
    )
    news_index.add_child(instance=item)
    item.save_revision().publish()
    html = client.get("/nieuws/gaat-door/").content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    assert article.count("ingeslagen weg") == 1
    assert "Innovatie is overal." in article
    # A body that does not repeat the lead keeps its first paragraph.
    item.body = [("paragraph", "<p>Een ander begin.</p>")]
    item.save_revision().publish()
    html = client.get("/nieuws/gaat-door/").content.decode()
    assert "ingeslagen weg" in html and "Een ander begin." in html


def test_the_theme_filter_is_kept_in_the_page_cache_per_theme(news_index, client):
    """?thema= is declared to the page cache: a visitor's filtered listing is stored under
    its own key (the strict test settings fail a page that reads an undeclared parameter)."""
    make_items(news_index, 2)
    assert client.get("/nieuws/?thema=collectieve-marketing")["X-Page-Cache"] == "miss"
    assert client.get("/nieuws/?thema=collectieve-marketing")["X-Page-Cache"] == "hit"
    assert client.get("/nieuws/?thema=maatschappelijk-domein")["X-Page-Cache"] == "miss"


def test_every_spelling_of_a_page_number_shares_the_kept_listing(
    news_index, client, uncached, django_assert_num_queries
):
    """Keyed on the page shown (route2020.core.pagination): `?pagina=01`, `x` or `99` add
    no fragment of their own and cost no query beyond the page once the listing is kept."""
    make_items(news_index, 12)
    assert "Bericht 11<" in client.get("/nieuws/", {"pagina": "2"}).content.decode()
    for written in ("02", "99", "2 "):
        with django_assert_num_queries(QUERIES_NEWS_INDEX_CACHED_LISTING):
            html = client.get("/nieuws/", {"pagina": written}).content.decode()
        assert "Bericht 11<" in html and "Bericht 0<" not in html
