"""The anonymous page cache.

Whole responses for anonymous GET requests are kept in the default cache, keyed on path,
query string and the visitor's cookie choice (the language is part of the path). Publishing,
unpublishing or deleting any page, or saving a snippet or setting, moves a generation counter
so every cached page is stale at once: no list of keys to keep, nothing to purge by hand.
"""

import contextvars
import hashlib
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
CONSENT_COOKIE = "r2020_cookies"
SKIP_PREFIXES = ("/beheer/", "/account/", "/django-admin/", "/en/account/", "/documenten/")
CACHE_HEADER = "X-Page-Cache"


def read_counter(key):
    """A generation counter in the cache.

    When it is missing (a fresh cache, or evicted by the cache's culling) it restarts from
    the clock, never from a number used before: what was stored under an old value can then
    never be read again.
    """
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key) or time.time_ns()
    return value


def bump_counter(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def generation():
    """The current content generation (read from the cache once per request)."""
    value = _request_generation.get()
    if value is None:
        value = read_counter(GENERATION_KEY)
    return value


# Within one request the generation is read from the cache once (a network round trip with
# Redis); a publish during the request forgets it, so what follows sees the new one.
_request_generation = contextvars.ContextVar("route2020_generation", default=None)


def invalidate(**kwargs):
    _request_generation.set(None)
    bump_counter(GENERATION_KEY)


def connect_invalidation():
    """Pages, settings, images, documents and organisations show on public pages."""
    from django.db.models.signals import post_delete
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import Organisation

    page_published.connect(invalidate, dispatch_uid="pagecache-published")
    page_unpublished.connect(invalidate, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="pagecache-moved")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="pagecache-page-deleted")
    for subclass in BaseSiteSetting.__subclasses__():
        invalidate_on_change(subclass)
    invalidate_on_change(Organisation, Image, Document, PageViewRestriction)


def invalidate_on_change(*models):
    """Clear the page cache whenever one of these models is saved or deleted.

    Apps call this from their AppConfig.ready() for models that show on public pages
    without a page being published (snippets such as a theme taxonomy or an event's
    number of free places).
    """
    from django.db.models.signals import post_delete, post_save

    for model in models:
        label = model._meta.label_lower
        post_save.connect(invalidate, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"pagecache-del-{label}")


# --- scopes: a page whose content changes more often than pages are published -----------------
#
# An event page shows its free places. Moving the site-wide generation on every registration
# would empty the cache of every page on a busy registration day. Such a page names a scope
# (`scope_page(request, "event:12")`) while it is served; its cached copy is kept with the
# scope's generation and served only while that has not moved. A registration moves only
# its event's scope (`invalidate_scope("event:12")`).


def _scope_key(scope):
    return f"pagecache:scope:{scope}"


def scope_generation(scope):
    return read_counter(_scope_key(scope))


def invalidate_scope(scope):
    """Move the scope once the change is committed (at once outside a transaction): moved
    earlier, a request that still reads the old data would store it under the new value."""
    transaction.on_commit(partial(bump_counter, _scope_key(scope)))


def scope_page(request, scope):
    """Mark the response being made as depending on `scope`; read before rendering, so a
    change during the rendering leaves the stored copy stale, never fresh."""
    request._page_cache_scope = (scope, scope_generation(scope))


class ScopedResponse:
    """What the cache stores for a scoped page: the response and its scope's generation."""

    def __init__(self, response, scope, generation):
        self.response = response
        self.scope = scope
        self.generation = generation

    def fresh(self):
        return scope_generation(self.scope) == self.generation


def cache_key(request):
    consent = request.COOKIES.get(CONSENT_COOKIE, "")
    raw = f"{request.get_host()}|{request.get_full_path()}|{consent}"
    digest = hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def is_anonymous_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_generation.set(None)
        token = _request_generation.set(generation())
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(token)

    def _respond(self, request):
        if not settings.PAGE_CACHE_ENABLED or not is_anonymous_request(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = cache.get(key)
        if isinstance(cached, ScopedResponse):
            cached = cached.response if cached.fresh() else None
        if cached is not None:
            cached[CACHE_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if self._cacheable(request, response):
            patch_vary_headers(response, ["Cookie"])

            def store(response):
                scope = getattr(request, "_page_cache_scope", None)
                value = ScopedResponse(response, *scope) if scope else response
                cache.set(key, value, settings.PAGE_CACHE_SECONDS)

            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(store)
            else:
                store(response)
            response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def _cacheable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in cache_control
            and "no-cache" not in cache_control
            and "no-store" not in cache_control
            and not getattr(request, "is_preview", False)
            and getattr(request, "user", None) is not None
            and not request.user.is_authenticated
        )
