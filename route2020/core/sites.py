"""The Wagtail Site of a request, and its root page, without a query per request.

Every Wagtail page request looks up its Site (`Site.find_for_request`: one query whose ORM
compilation alone costs 1-2 ms) and then loads the root page's specific instance (a second
query) before routing. Sites and the home page change rarely; both are kept per process and per
content generation (`route2020.core.cache.generation()`), which moves on every publish,
unpublish or move of a page and on every save or delete of a Site (connected below), so an edit
is seen by the next request.

`CachedSiteMiddleware` fills `request._wagtail_site`, the per-request cache that
`Site.find_for_request` documents and reads first; everything Wagtail does with the request's
site (routing, `{% pageurl %}`, site settings, redirects) then uses it. Each request gets its
own copies of the Site and the root page, so nothing a request sets on them leaks into another.

This module is the one place that uses Wagtail's and Django's private APIs for it (the three
functions below, tested in `core/tests/test_sites.py`): an upgrade that renames one of them
breaks here and in that test, nowhere else.
"""

import threading

from . import cache as page_cache

_lock = threading.Lock()
_state = {"generation": None, "sites": {}}
_MISSING = object()
# The host comes from the request (Wagtail reads it without the ALLOWED_HOSTS check): keep only
# a few, so made-up Host headers cannot grow the cache.
MAX_HOSTS = 50


# --- the private APIs, each in one place ---------------------------------------------------------


def wagtail_site_lookup(request):
    """Wagtail's own lookup of a request's Site, without its per-request cache."""
    from wagtail.models import Site

    return Site._find_for_request(request)


def raw_host(request):
    """The Host header as Wagtail matches it against sites (not checked against ALLOWED_HOSTS,
    as Wagtail does not either)."""
    return request._get_raw_host()


def set_request_site(request, site):
    """Hand the Site to Wagtail: `Site.find_for_request` returns what is set here."""
    request._wagtail_site = site


def has_request_site(request):
    return hasattr(request, "_wagtail_site")


# ---------------------------------------------------------------------------------------------


def _lookup(request):
    site = wagtail_site_lookup(request)
    if site is not None:
        # `route_for_request` routes from `site.root_page.localized.specific`; with the
        # specific instance in place `.specific` (and `.localized` without i18n) is free.
        site.root_page = site.root_page.specific
    return site


def site_for_request(request):
    """The request's Site with its specific root page, from the process cache when current."""
    from django.http.request import split_domain_port

    generation = page_cache.generation()
    key = (split_domain_port(raw_host(request))[0], request.get_port())
    with _lock:
        if _state["generation"] != generation:
            _state["generation"] = generation
            _state["sites"] = {}
        site = _state["sites"].get(key, _MISSING)
    if site is _MISSING:
        site = _lookup(request)
        with _lock:
            if _state["generation"] == generation and len(_state["sites"]) < MAX_HOSTS:
                _state["sites"][key] = site
    if site is None:
        return None
    own = instance_copy(site)
    own.root_page = instance_copy(site.root_page)
    return own


def instance_copy(instance):
    """`copy.copy()` of a model instance, without the pickling protocol it goes through
    (`Model.__reduce__`, `model_unpickle`, `__setstate__`): the same shallow copy, with the
    instance's own state and caches, in a tenth of the time."""
    own = object.__new__(type(instance))
    own.__dict__.update(instance.__dict__)
    state = object.__new__(type(instance._state))
    state.__dict__.update(instance._state.__dict__)
    state.fields_cache = dict(instance._state.fields_cache)
    own._state = state
    return own


def clear():
    with _lock:
        _state["generation"] = None
        _state["sites"] = {}


def connect_invalidation():
    from wagtail.models import Site

    page_cache.invalidate_on_change(Site)


class CachedSiteMiddleware:
    """Put the cached Site on the request before any view or template asks for it."""

    def __init__(self, get_response):
        connect_invalidation()
        self.get_response = get_response

    def __call__(self, request):
        if not has_request_site(request):
            set_request_site(request, site_for_request(request))
        return self.get_response(request)
