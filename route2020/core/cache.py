"""The anonymous page cache.

Whole responses for anonymous GET requests are kept in the default cache, keyed on path,
the query parameters pages read and the visitor's cookie choice (the language is part of the
path). Publishing, unpublishing or deleting any page, or saving a snippet or setting, moves a
generation counter so every cached page is stale at once: no list of keys to keep, nothing to
purge by hand.

Query parameters: apps declare the ones their pages read (`read_query_parameters`, from
AppConfig.ready); only those are part of the key, so `/?utm_source=...`, `?fbclid=...` or a
random `?x=1` is served the cached page and adds no entry. While a page is rendered on a miss
its `request.GET` notes what the page reads, and the response is stored only when the key
holds exactly that: a page reading an undeclared parameter is not stored (and a warning
names it), and a declared parameter the page does not read (`/?pagina=7` on the home page)
adds no entry either.
"""

import contextvars
import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict
from functools import partial
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.http.response import ResponseHeaders
from django.utils import timezone
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

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
    value = _read_counter(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key) or time.time_ns()
    return value


def _read_counter(key):
    """The embedded cache answers from memory while its file has not changed
    (core/embedded_cache.py); other caches read it."""
    get_counter = getattr(cache, "get_counter", None)
    return get_counter(key) if get_counter is not None else cache.get(key)


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
    """Make every cached page stale: now, and again once the change is committed.

    Moved only now, a request reading the old data while the transaction is still open would
    store it under the new generation and serve it after the commit; moved only after the
    commit, the request that made the change would still be served the old pages. Outside a
    transaction the commit has happened: one move.
    """
    using = kwargs.get("using") or "default"
    _move_generation()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_move_generation, using=using)


def _move_generation():
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
    change during the rendering leaves the stored copy stale, never fresh. Returns the
    scope's generation, for what the page keeps per scope itself (an event's programme)."""
    value = scope_generation(scope)
    request._page_cache_scope = (scope, value)
    return value


class StoredPage:
    """A page in the cache: status, headers and body (not the HttpResponse: every hit needs a
    response of its own anyway, and unpickling one cost a tenth of a hit), when it expires
    (wall clock, as the cache's own timeout), and the scope it depends on with that scope's
    generation when it was read."""

    FIELDS = ("status", "headers", "content", "expires", "scope", "scope_generation")
    __slots__ = (*FIELDS, "_prototype")  # _prototype: what response() copies (not stored)

    def __init__(self, status, headers, content, expires, scope=None, scope_generation=None):
        self.status = status
        self.headers = headers
        self.content = content
        self.expires = expires
        self.scope = scope
        self.scope_generation = scope_generation
        self._prototype = None

    @classmethod
    def of(cls, response, seconds, scope=None):
        scope, scope_generation = scope or (None, None)
        return cls(
            response.status_code,
            tuple(response.items()),
            response.content,
            time.time() + seconds,
            scope,
            scope_generation,
        )

    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __setstate__(self, state):
        self.__init__(*state)

    def fresh(self):
        """Not expired, and its scope (if any) has not moved since it was rendered."""
        if self.expires <= time.time():
            return False
        return self.scope is None or scope_generation(self.scope) == self.scope_generation

    def response(self):
        """A response of its own for this request: the middleware around the page cache adds
        headers to it (the request id, the policy), so the stored one is never handed out.
        Copied from a prototype made once: building an HttpResponse (its headers checked and
        encoded one by one) costs three times as much as the copy."""
        prototype = self._prototype
        if prototype is None:
            prototype = HttpResponse(self.content, status=self.status, headers=dict(self.headers))
            self._prototype = prototype
        response = HttpResponse.__new__(HttpResponse)
        response.__dict__.update(prototype.__dict__)
        headers = response.headers = ResponseHeaders.__new__(ResponseHeaders)
        headers._store = prototype.headers._store.copy()
        response._container = list(prototype._container)
        response._resource_closers = []
        response.cookies = SimpleCookie()
        return response


# --- a copy of recently served pages in this process --------------------------------------------
#
# Reading a page from the shared cache is most of a hit's own cost (the embedded cache: a SQLite
# read and unpickling ~20 KB; Redis: a round trip). Each process keeps the pages it served last
# in memory, under the same key: the key holds the content generation, which the middleware
# reads from the shared cache on every request, so a publish anywhere makes them unreachable at
# once; a scoped page is checked against its scope's generation (shared too) on every hit; and
# a copy expires when the shared one does. The process serves nothing the cache would not.

MEMORY_BYTES = 32 * 2**20  # per process, at most
_memory = OrderedDict()  # key -> StoredPage, least recently served first
_memory_size = 0
_memory_lock = threading.Lock()


def forget_pages():
    """Empty this process's copies (the tests; the shared cache is emptied on its own)."""
    global _memory_size
    with _memory_lock:
        _memory.clear()
        _memory_size = 0


def _remember(key, page):
    global _memory_size
    size = len(page.content) + 1024
    if size > MEMORY_BYTES // 8:
        return
    with _memory_lock:
        old = _memory.pop(key, None)
        if old is not None:
            _memory_size -= len(old.content) + 1024
        _memory[key] = page
        _memory_size += size
        while _memory_size > MEMORY_BYTES:
            _key, dropped = _memory.popitem(last=False)
            _memory_size -= len(dropped.content) + 1024


def lookup(key):
    """The page stored under `key` that may be served now, or None."""
    page = _memory.get(key)
    if page is not None:
        if page.fresh():
            with _memory_lock:
                if key in _memory:
                    _memory.move_to_end(key)
            return page
    page = cache.get(key)
    if not isinstance(page, StoredPage) or not page.fresh():
        return None
    _remember(key, page)
    return page


def store_page(key, page, seconds):
    cache.set(key, page, seconds)
    _remember(key, page)


def cache_until(request, moment):
    """The response being made changes by itself at `moment` (an event's registration opens
    or closes, the event ends): the page cache keeps it no longer than that."""
    current = getattr(request, "_page_cache_until", None)
    if current is None or moment < current:
        request._page_cache_until = moment


def store_seconds(request):
    """How long to keep the response: PAGE_CACHE_SECONDS, or less up to `cache_until`'s
    moment; 0 when that has passed (not stored)."""
    seconds = settings.PAGE_CACHE_SECONDS
    until = getattr(request, "_page_cache_until", None)
    if until is not None:
        seconds = min(seconds, math.floor((until - timezone.now()).total_seconds()))
    return max(seconds, 0)


def consent_choice(request):
    """The answer to the cookie question: "ja", "nee" or "" (any other value counts as none,
    so a made-up cookie value cannot make the cache keep extra copies)."""
    value = request.COOKIES.get(CONSENT_COOKIE, "")
    return value if value in ("ja", "nee") else ""


# --- query parameters --------------------------------------------------------------------------

QUERY_PARAMETERS = set()


def read_query_parameters(*names):
    """Declare query parameters that pages of an app read (AppConfig.ready)."""
    QUERY_PARAMETERS.update(names)


class ReadTrackingQueryDict(QueryDict):
    """request.GET while a page is rendered for the cache: notes the parameters it reads."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.names_read = set()
        self.read_all = False

    @classmethod
    def of(cls, original):
        tracking = cls(mutable=True, encoding=original.encoding)
        for name, values in dict.items(original):
            dict.__setitem__(tracking, name, list(values))
        tracking._mutable = False
        return tracking

    def _note(self, key):
        self.names_read.add(key)

    def _note_all(self):
        self.read_all = True

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __iter__(self):
        self._note_all()
        return super().__iter__()

    def __len__(self):
        self._note_all()
        return super().__len__()

    def keys(self):
        self._note_all()
        return super().keys()

    def items(self):
        self._note_all()
        return super().items()

    def lists(self):
        self._note_all()
        return super().lists()

    def values(self):
        self._note_all()
        return super().values()

    def dict(self):
        self._note_all()
        return super().dict()

    def urlencode(self, safe=None):
        self._note_all()
        return super().urlencode(safe)

    def copy(self):
        self._note_all()
        return QueryDict(super().urlencode(), mutable=True, encoding=self.encoding)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()


def key_query(request):
    """The declared parameters of the request, sorted, with all their values."""
    get = request.GET
    present = sorted(QUERY_PARAMETERS.intersection(dict.keys(get)))
    return urlencode([(name, value) for name in present for value in dict.__getitem__(get, name)])


def reads_match_key(request):
    """Whether the page just rendered read exactly the declared parameters in the key."""
    get = request.GET
    if not isinstance(get, ReadTrackingQueryDict):
        return True
    present = set(dict.keys(get))
    if get.read_all:
        # The page went through every parameter (the API's parser does): only a request
        # whose parameters are all in the key may be stored.
        return present <= QUERY_PARAMETERS
    undeclared = get.names_read - QUERY_PARAMETERS
    if undeclared:
        names = ", ".join(sorted(undeclared))
        message = f"Page cache: {request.path} reads undeclared query parameter(s) {names}"
        if getattr(settings, "PAGE_CACHE_STRICT", False):  # the tests: declare it
            raise ImproperlyConfigured(message)
        logger.warning(message)
        return False
    return present & QUERY_PARAMETERS <= get.names_read


def cache_key(request):
    consent = consent_choice(request)
    raw = f"{request.get_host()}|{request.path}|{key_query(request)}|{consent}"
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
        page = lookup(key)
        if page is not None:
            response = page.response()
            response[CACHE_HEADER] = "hit"
            return response
        request.GET = ReadTrackingQueryDict.of(request.GET)
        response = self.get_response(request)
        if self._cacheable(request, response):
            patch_vary_headers(response, ["Cookie"])

            def store(response):
                if not reads_match_key(request):
                    return
                seconds = store_seconds(request)
                if not seconds:
                    return
                scope = getattr(request, "_page_cache_scope", None)
                store_page(key, StoredPage.of(response, seconds, scope), seconds)

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
