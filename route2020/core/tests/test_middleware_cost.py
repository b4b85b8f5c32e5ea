"""What makes the site's middleware cheaper (issue 14) must not change what it does: the
Content-Security-Policy built once, messages made only when used, the Site copied cheaply."""

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.test import RequestFactory

from route2020.core import csp

pytestmark = pytest.mark.django_db


def policy_of(response):
    return response["Content-Security-Policy"]


def test_the_policy_is_built_once_per_kind(home, client, monkeypatch):
    built = []
    original = csp.build_policy
    monkeypatch.setattr(csp, "build_policy", lambda **kw: built.append(kw) or original(**kw))
    csp._policies.clear()
    first = policy_of(client.get("/"))
    assert policy_of(client.get("/")) == first
    assert policy_of(client.get("/bestaat-niet/")) == first
    assert len(built) == 2  # the policy and the (empty) report-only policy, once


def test_a_view_with_its_own_policy_or_a_nonce_still_gets_it(rf):
    from csp.decorators import csp_update

    @csp_update({"img-src": ["https://kaart.example.nl"]})
    def with_map(request):
        return HttpResponse("kaart")

    middleware = csp.ScopedCSPMiddleware(with_map)
    plain = csp.ScopedCSPMiddleware(lambda request: HttpResponse("gewoon"))
    assert "https://kaart.example.nl" in middleware(rf.get("/kaart/"))["Content-Security-Policy"]
    assert "kaart.example.nl" not in plain(rf.get("/"))["Content-Security-Policy"]

    def with_nonce(request):
        return HttpResponse(str(request.csp_nonce))

    request = rf.get("/")
    response = csp.ScopedCSPMiddleware(with_nonce)(request)
    assert response.content.decode() == request._csp_nonce  # the nonce was made...
    assert response["Content-Security-Policy"] == plain(rf.get("/"))["Content-Security-Policy"]


def test_the_cms_policy_stays_apart(rf):
    public = csp.ScopedCSPMiddleware(lambda request: HttpResponse())(rf.get("/"))
    admin = csp.ScopedCSPMiddleware(lambda request: HttpResponse())(rf.get("/beheer/"))
    assert "'unsafe-inline'" in admin["Content-Security-Policy"]
    assert "unsafe" not in public["Content-Security-Policy"]
    public_again = csp.ScopedCSPMiddleware(lambda request: HttpResponse())(rf.get("/"))
    assert public_again["Content-Security-Policy"] == public["Content-Security-Policy"]


def test_messages_are_made_only_when_used_and_still_arrive(home, client, monkeypatch):
    from django.contrib.messages.storage import cookie

    made = []
    original = cookie.CookieStorage.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(cookie.CookieStorage, "__init__", counting)
    request = RequestFactory().get("/")
    request.session = {}
    from route2020.core.middleware import LazyFallbackStorage

    storage = LazyFallbackStorage(request)
    response = HttpResponse()
    assert storage.update(response) is None
    assert made == []  # a request that neither adds nor reads a message
    request._messages = storage
    messages.success(request, "Opgeslagen.")
    storage.update(response)
    assert made == [1]
    assert "messages" in response.cookies  # stored in the cookie, as Django's own does
    later = RequestFactory().get("/", HTTP_COOKIE=f"messages={response.cookies['messages'].value}")
    later.session = {}
    assert [str(m) for m in LazyFallbackStorage(later)] == ["Opgeslagen."]


def test_the_site_copy_is_a_copy(home):
    from wagtail.models import Site

    from route2020.core.sites import instance_copy

    site = Site.objects.get(is_default_site=True)
    site.root_page = site.root_page.specific
    own = instance_copy(site)
    assert own == site and own is not site and type(own) is type(site)
    assert own._state is not site._state and own._state.db == site._state.db
    own.site_name = "Anders"
    own._state.fields_cache["root_page"] = None
    assert site.site_name != "Anders"
    assert site._state.fields_cache.get("root_page") is not None
