"""/sitemap.xml: live, public pages only, in the same few queries however many there are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from route2020.core import fragments, sitemaps
from route2020.core.models import ContentPage
from route2020.core.pages import child
from route2020.newsletter.models import Dispatch, NewsletterIndexPage, NewsletterIssuePage

pytestmark = pytest.mark.django_db

SITEMAP_QUERIES = 3  # the count, one page of pages, the Reisflitsen on it with their sending


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def listed(client, path="/sitemap.xml"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>http://testserver([^<]+)</loc>", response.content.decode())


def issue(index, slug, status=None):
    page = NewsletterIssuePage(title=slug, slug=slug, intro="Wat er gebeurde.")
    index.add_child(instance=page)
    page.save_revision().publish()
    if status:
        Dispatch.objects.create(issue=page, status=status, started_at=timezone.now())
    return page


def add_pages(home, index, first, count):
    for number in range(first, first + count):
        child(home, ContentPage, f"pagina-{number}", title=f"Pagina {number}")
        issue(index, f"reisflits-{number}", Dispatch.Status.SENT)


def queries_of_building_it(client):
    client.get("/sitemap.xml")  # the Site, restrictions and root paths are cached after this
    fragments.clear()  # the sitemap itself is not: built again
    with CaptureQueriesContext(connection) as queries:
        urls = listed(client)
    return len(queries), urls


def queries_of(client, path="/sitemap.xml"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_same_queries_with_few_and_with_many_pages(home, client):
    index = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    add_pages(home, index, 1, 2)
    few, few_urls = queries_of_building_it(client)

    add_pages(home, index, 3, 30)
    many, many_urls = queries_of_building_it(client)

    assert len(few_urls) == 2 + 2 * 2 and len(many_urls) == 2 + 32 * 2
    assert "/reisflitsen/reisflits-32/" in many_urls
    assert few == many == SITEMAP_QUERIES


def test_built_once_per_generation_and_renewed_by_a_publish_or_a_sending(home, client):
    index = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    add_pages(home, index, 1, 2)
    assert "/pagina-2/" in listed(client)
    assert queries_of(client) == 0  # kept: nothing read until the content changes

    child(home, ContentPage, "nieuw", title="Nieuw")  # published: the generation moves
    assert "/nieuw/" in listed(client)
    waiting = issue(index, "nog-niet-verzonden")
    assert "/reisflitsen/nog-niet-verzonden/" not in listed(client)
    Dispatch.objects.create(issue=waiting, status=Dispatch.Status.SENT, started_at=timezone.now())
    assert "/reisflitsen/nog-niet-verzonden/" in listed(client)
    assert queries_of(client) == 0


def test_a_file_number_written_otherwise_is_answered_but_not_kept(home, client):
    child(home, ContentPage, "over-route-2020", title="Over Route 2020")
    assert listed(client, "/sitemap.xml?p=01") == listed(client, "/sitemap.xml?p=1")
    assert queries_of(client, "/sitemap.xml?p=1") == 0
    assert queries_of(client, "/sitemap.xml?p=01") > 0
    assert client.get("/sitemap.xml?p=").status_code == 404


def test_only_live_public_pages_and_sent_reisflitsen_are_listed(home, client):
    about = child(home, ContentPage, "over-route-2020", title="Over Route 2020")
    secret = child(home, ContentPage, "bestuur", title="Bestuur")
    below_secret = child(secret, ContentPage, "notulen", title="Notulen")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    draft = ContentPage(title="Concept", slug="concept", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    withdrawn = child(home, ContentPage, "ingetrokken", title="Ingetrokken")
    withdrawn.unpublish()
    index = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    issue(index, "verzonden", Dispatch.Status.SENT)
    issue(index, "wordt-verzonden", Dispatch.Status.SENDING)
    issue(index, "ingepland", Dispatch.Status.SCHEDULED)
    issue(index, "nog-niet-verzonden")

    urls = listed(client)

    assert urls == [
        "/",
        "/over-route-2020/",
        "/reisflitsen/",
        "/reisflitsen/verzonden/",
        "/reisflitsen/wordt-verzonden/",
    ]
    assert about.url in urls
    for hidden in (secret, below_secret, draft, withdrawn):
        assert hidden.url_path.removeprefix(home.url_path) not in str(urls)


def test_lastmod_is_the_last_publication(home, client):
    about = child(home, ContentPage, "over-route-2020", title="Over Route 2020")
    about.last_published_at = timezone.make_aware(timezone.datetime(2017, 11, 20, 12))
    about.save(update_fields=["last_published_at"])

    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/over-route-2020/</loc><lastmod>2017-11-20</lastmod>" in xml


def test_past_the_limit_the_sitemap_is_an_index_of_its_parts(home, client, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", 2)
    for number in range(1, 5):
        child(home, ContentPage, f"pagina-{number}", title=f"Pagina {number}")

    index = client.get("/sitemap.xml").content.decode()
    parts = re.findall(r"<loc>http://testserver([^<]+)</loc>", index)

    assert "<sitemapindex" in index
    assert parts == ["/sitemap.xml?p=1", "/sitemap.xml?p=2", "/sitemap.xml?p=3"]
    assert listed(client, "/sitemap.xml?p=1") == ["/", "/pagina-1/"]
    assert listed(client, "/sitemap.xml?p=3") == ["/pagina-4/"]
    assert client.get("/sitemap.xml?p=4").status_code == 404
    assert client.get("/sitemap.xml?p=x").status_code == 404
