"""Shared fragments: parts of pages that are the same for many requests, rendered once.

`{% fragment "name" vary1 vary2 ... [seconds=N] %}...{% endfragment %}` (core/templatetags/
fragments.py) keeps its rendered HTML in a small per-process LRU (a dict: a hit costs one
lookup, no cache round trip), keyed on

- the name and the vary values (a model instance counts as its label and pk),
- the active language and the request's host,
- the content generation of the page cache (route2020.core.cache): any publish, unpublish,
  move, settings or snippet change makes every fragment stale at once, in every process,
  because every process reads the same counter from the shared cache (once per request).

What is NOT in the key must not change the output: anything that depends on the user, the
role, the query string or the cookie choice is either a vary value or stays outside the
fragment. A fragment never holds a CSRF token (one rendered inside is refused, not stored)
and is neither read nor stored on a preview. A fragment whose rendering marks the page with
`cache_until` (route2020.core.cache) keeps that moment, honours it itself and marks every
page it is served to; one that names a page-cache scope is not stored.

`memo(name, vary, factory)` keeps a computed value (the menu, the footer's settings) the
same way, `cache_until` included: a value whose computing marks the page with a moment that
has already passed (`cache_until(request, timezone.now())`: "keep this nowhere") is not kept.
"""

import re
import threading
import time
from collections import OrderedDict
from datetime import date, datetime

from django.db.models import Model
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import get_language

from . import cache as page_cache

MAX_ENTRIES = 4000
MAX_CHARS = 32 * 1024 * 1024  # about 32-64 MB of HTML per process at most

_entries = OrderedDict()  # key -> (expires (monotonic) or None, value, size, until)
_size = 0
_lock = threading.Lock()  # threaded servers: one change of the LRU at a time

# A hidden CSRF field with a value: per visitor, never shared.
_CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]')


class UnsupportedVary(TypeError):
    """A vary value without a stable, unambiguous key (an arbitrary object)."""


def clear():
    global _size
    with _lock:
        _entries.clear()
        _size = 0


def request_generation(request):
    """The content generation for this request: the page cache middleware's (read once per
    request, forgotten when this process publishes); without it, read once and kept on the
    request."""
    value = page_cache._request_generation.get()
    if value is not None:
        return value
    if request is None:
        return page_cache.generation()
    value = getattr(request, "_fragment_generation", None)
    if value is None:
        value = request._fragment_generation = page_cache.generation()
    return value


def _host(request):
    if request is None:
        return ""
    host = getattr(request, "_fragment_host", None)
    if host is None:
        try:
            host = request.get_host()
        except Exception:  # a disallowed host: share nothing with anyone
            host = "?"
        request._fragment_host = host
    return host


def vary_value(value):
    """A vary value as a part of the key: unambiguous, never an object's default repr."""
    if isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, Model):
        return f"{value._meta.label_lower}:{value.pk!r}"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(vary_value(item) for item in value) + ")"
    raise UnsupportedVary(f"fragment: cannot vary on a {type(value).__name__}")


def key_for(request, name, vary):
    parts = [vary_value(value) for value in vary]
    return (name, get_language() or "", _host(request), request_generation(request), *parts)


def enabled(request):
    return request is None or not getattr(request, "is_preview", False)


def lookup(key):
    entry = _entries.get(key)
    if entry is None:
        return None
    expires = entry[0]
    with _lock:
        if expires is not None and time.monotonic() >= expires:
            _forget(key)
            return None
        try:
            _entries.move_to_end(key)
        except KeyError:  # just dropped by another thread
            pass
    return entry


def store(key, value, seconds=None, until=None, size=1):
    global _size
    expires = None
    if until is not None:
        left = (until - timezone.now()).total_seconds()
        if left <= 0:
            return
        seconds = left if seconds is None else min(seconds, left)
    if seconds is not None:
        if seconds <= 0:
            return
        expires = time.monotonic() + seconds
    with _lock:
        _forget(key)
        _entries[key] = (expires, value, size, until)
        _size += size
        while len(_entries) > MAX_ENTRIES or _size > MAX_CHARS:
            _forget(next(iter(_entries)))


def _forget(key):
    global _size
    entry = _entries.pop(key, None)
    if entry is not None:
        _size -= entry[2]


def memo(request, name, vary, factory, seconds=None):
    """A value computed once per key (see the module's text); `factory()` on a miss."""
    if not enabled(request):
        return factory()
    key = key_for(request, name, vary)
    entry = lookup(key)
    if entry is not None:
        _mark_until(request, entry[3])
        return entry[1]
    before_until = getattr(request, "_page_cache_until", None)
    value = factory()
    after_until = getattr(request, "_page_cache_until", None)
    until = after_until if after_until is not before_until else None
    store(key, value, seconds, until, size=size_of(value))
    return value


def size_of(value):
    """Roughly what a kept value weighs against MAX_CHARS: a text's characters (a memo may
    hold HTML, such as a search's results, keyed on what a visitor typed), a sequence's
    items; anything else counts one."""
    if isinstance(value, (str, bytes)):
        return max(len(value), 1)
    if isinstance(value, (list, tuple)):
        return 1 + sum(size_of(item) for item in value)
    return 1


def _mark_until(request, until):
    """A kept value or fragment computed under `cache_until` marks every page it is used on."""
    if until is not None and request is not None:
        page_cache.cache_until(request, until)


def render(request, name, vary, nodelist, context, seconds=None):
    """The fragment's HTML: from the LRU, or rendered and kept."""
    if not enabled(request):
        return nodelist.render(context)
    key = key_for(request, name, vary)
    entry = lookup(key)
    if entry is not None:
        _mark_until(request, entry[3])
        return entry[1]
    before_until = getattr(request, "_page_cache_until", None)
    before_scope = getattr(request, "_page_cache_scope", None)
    html = nodelist.render(context)
    after_until = getattr(request, "_page_cache_until", None)
    if getattr(request, "_page_cache_scope", None) is not before_scope:
        return html  # depends on a scope's counter: not kept here
    if _CSRF_VALUE.search(html):
        return html  # a visitor's CSRF token: never shared
    until = after_until if after_until is not before_until else None
    store(key, html, seconds, until, size=len(html))
    return html
