"""What serving a Wagtail page costs before its template, and what the savings must not break:
the cached Site and root page, and view restrictions checked only where there are any."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from route2020.core.models import ContentPage
from route2020.core.pages import child, publish
from route2020.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SITE_MIDDLEWARE = "route2020.core.sites.CachedSiteMiddleware"


@pytest.fixture(autouse=True)
def uncached_pages_with_the_site_middleware(settings):
    settings.PAGE_CACHE_ENABLED = False
    if SITE_MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, SITE_MIDDLEWARE]


@pytest.fixture
def secret(about):
    page = child(about, ContentPage, "besloten", title="Besloten stukken", intro="Geheim.")
    child(page, ContentPage, "notulen", title="Notulen", intro="Nog geheimer.")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="kaas")
    return page


@pytest.fixture
def members_only(about):
    page = child(about, ContentPage, "leden", title="Voor leden", intro="Alleen ingelogd.")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    return page


def sql_of(captured):
    return [query["sql"] for query in captured.captured_queries]


def test_a_public_page_asks_neither_site_nor_restrictions(
    about, client, django_assert_max_num_queries
):
    client.get("/over-route-2020/")
    with django_assert_max_num_queries(3) as captured:  # the route and its specific page
        response = client.get("/over-route-2020/")
    assert "Van, voor en door de bibliotheken." in response.content.decode()
    sql = sql_of(captured)
    assert not [q for q in sql if "wagtailcore_site" in q]
    assert not [q for q in sql if "wagtailcore_pageviewrestriction" in q]


def test_a_signed_in_member_costs_what_a_visitor_does(
    about, client, make_user, django_assert_max_num_queries
):
    """The session from the cache, the person and their roles kept per process
    (route2020.core.signed_in): no query for who is asking."""
    client.force_login(make_user(role="Lid"))
    client.get("/over-route-2020/")
    with django_assert_max_num_queries(3) as captured:
        response = client.get("/over-route-2020/")
    html = response.content.decode()
    assert "Van, voor en door de bibliotheken." in html and "Mijn profiel" in html
    sql = sql_of(captured)
    assert not [q for q in sql if "django_session" in q or "core_user" in q or "auth_group" in q]


def test_password_restriction_still_asks_for_the_password(secret, client):
    for path in ("/over-route-2020/besloten/", "/over-route-2020/besloten/notulen/"):
        client.get(path)  # warm caches: the second request is the one that counts
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Geheim." not in html and "Nog geheimer." not in html
        assert 'name="password"' in html
        assert "no-cache" in response["Cache-Control"]
    restriction = PageViewRestriction.objects.get(page=secret)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{secret.pk}/",
        {"password": "kaas", "return_url": "/over-route-2020/besloten/"},
    )
    assert response.status_code == 302
    assert "Geheim." in client.get("/over-route-2020/besloten/").content.decode()


def test_login_restriction_still_sends_anonymous_visitors_to_the_login(
    members_only, client, make_user
):
    client.get("/over-route-2020/leden/")
    response = client.get("/over-route-2020/leden/")
    assert response.status_code == 302
    assert "next=/over-route-2020/leden/" in response["Location"]
    member = Client()
    member.login(username=make_user(role="Lid").email, password=PASSWORD)
    assert "Alleen ingelogd." in member.get("/over-route-2020/leden/").content.decode()


def test_a_new_restriction_applies_at_once(about, client):
    assert client.get("/over-route-2020/").status_code == 200  # cached as public
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    assert client.get("/over-route-2020/").status_code == 302


def test_an_alias_of_a_restricted_page_is_restricted_too(members_only, home, client):
    members_only.create_alias(parent=home, update_slug="leden-alias")
    client.get("/leden-alias/")
    assert client.get("/leden-alias/").status_code == 302


def test_a_published_home_page_is_seen_at_once(home, client):
    client.get("/")
    home.title = "Nieuwe startpagina"
    home.seo_title = "Nieuwe startpagina"
    publish(home)
    assert "Nieuwe startpagina" in client.get("/").content.decode()


def test_a_changed_site_root_is_seen_at_once(home, about, client):
    assert client.get("/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = about
    site.save()
    html = client.get("/").content.decode()
    assert "Van, voor en door de bibliotheken." in html


def test_made_up_hosts_do_not_grow_the_site_cache(home, rf, settings):
    from route2020.core import sites

    settings.ALLOWED_HOSTS = ["*"]
    sites.clear()
    for number in range(sites.MAX_HOSTS + 20):
        site = sites.site_for_request(rf.get("/", HTTP_HOST=f"x{number}.example"))
        assert site.root_page.pk == home.pk  # the default site answers every host
    assert len(sites._state["sites"]) == sites.MAX_HOSTS


def test_a_page_read_by_its_key_is_the_page_the_orm_reads(about, django_assert_num_queries):
    """The route reads the page with SQL compiled once (core.pages.page_by_key): the page it
    gets must be the ORM's own, converters (StreamField, dates) included."""
    from route2020.core.models import ContentPage
    from route2020.core.pages import page_by_key

    expected = ContentPage.objects.get(pk=about.pk)
    for _ in range(2):  # compiled on the first call, reused on the second
        with django_assert_num_queries(1):
            page = page_by_key(ContentPage, about.pk)
        assert type(page) is ContentPage
        for field in ContentPage._meta.concrete_fields:
            value = getattr(page, field.attname)
            assert value == getattr(expected, field.attname), field.name
        assert list(page.body.raw_data) == list(expected.body.raw_data)
        assert page.last_published_at.tzinfo is not None
        assert not page._state.adding and page._state.db == "default"
    assert page_by_key(ContentPage, about.pk + 1000) is None
