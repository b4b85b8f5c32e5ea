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
"""

import copy
import threading

from . import cache as page_cache

_lock = threading.Lock()
_state = {"generation": None, "sites": {}}
_MISSING = object()
# The host comes from the request (Wagtail reads it without the ALLOWED_HOSTS check): keep only
# a few, so made-up Host headers cannot grow the cache.
MAX_HOSTS = 50


def _lookup(request):
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None:
        # `route_for_request` routes from `site.root_page.localized.specific`; with the
        # specific instance in place `.specific` (and `.localized` without i18n) is free.
        site.root_page = site.root_page.specific
    return site


def site_for_request(request):
    """The request's Site with its specific root page, from the process cache when current."""
    from django.http.request import split_domain_port

    generation = page_cache.generation()
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
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
    own = copy.copy(site)
    own.root_page = copy.copy(site.root_page)
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
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
