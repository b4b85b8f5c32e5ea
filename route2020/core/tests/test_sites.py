"""The adapter over Wagtail's private site lookup (core/sites.py): when an upgrade renames one of
the private APIs it uses, these tests say which."""

import pytest
from wagtail.models import Site

from route2020.core import sites

pytestmark = pytest.mark.django_db


def test_wagtail_still_has_the_private_lookup(home, rf):
    request = rf.get("/", HTTP_HOST="localhost")
    assert sites.wagtail_site_lookup(request) == Site.objects.get(is_default_site=True)


def test_the_raw_host_is_the_host_header_with_its_port(rf):
    request = rf.get("/", HTTP_HOST="bieb.example:8000")
    assert sites.raw_host(request) == "bieb.example:8000"


def test_wagtail_reads_the_site_the_adapter_sets(home, rf, django_assert_num_queries):
    """The per-request cache Wagtail documents: what the middleware sets is what Wagtail uses,
    without a query of its own."""
    request = rf.get("/", HTTP_HOST="localhost")
    assert not sites.has_request_site(request)
    site = sites.site_for_request(request)
    sites.set_request_site(request, site)
    assert sites.has_request_site(request)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_the_middleware_sets_the_site_once(home, rf):
    request = rf.get("/", HTTP_HOST="localhost")
    middleware = sites.CachedSiteMiddleware(lambda request: Site.find_for_request(request))
    found = middleware(request)
    assert found.pk == Site.objects.get(is_default_site=True).pk
    assert found.root_page.specific_class is type(found.root_page)
