"""Rate limits on forms: one mechanism for every public form, in the shared cache.

The counters live in the cache every worker shares (Redis or the SQLite-backed diskcache), so
a limit holds across gunicorn workers and processes. Each limit has a name and a rate
("10/h": ten in an hour); `RATE_LIMITS` in the settings overrides any of `DEFAULT_LIMITS`
(a rate of "" switches that limit off).

- `@rate_limited("name")` on a view (or on a page's `serve`): past the limit the request is
  answered with the Dutch page `429.html` and a `Retry-After` header, the view does not run.
- `exceeded(request, "name")` counts one use and says whether it went over, for a view that
  wants to answer in its own page (the survey keeps the answers typed).
- `over_limit(key, limit, seconds)` is the counter itself.

Who is counted: a signed-in person by account, a visitor by client address (`client_ip`).
See docs/security.md.
"""

import functools
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}

#: name: "count/period" — period is s, m, h or d, optionally with a number ("30/10m").
DEFAULT_LIMITS = {
    # Tip een vriend: per sender, and per recipient so one address cannot be flooded.
    "tip": "10/h",
    "tip-recipient": "3/d",
    # Reisflitsen sign-up (each sign-up mails an address).
    "newsletter-subscribe": "20/h",
    # Changing one's Reisflitsen choices through the personal link.
    "newsletter-preferences": "30/h",
    # Event registration, and changing or cancelling it through the personal link.
    "event-registration": "20/h",
    "registration-change": "30/h",
    # Creating an account (each one mails an address).
    "signup": "10/h",
    # Searching (a query string; the empty search page is not counted).
    "search": "60/m",
    # Survey answers: saving a draft and submitting.
    "survey-write": "30/10m",
    # The profile, where a membership of an organisation is requested.
    "profile": "20/h",
    # Member forms: sharing a practice, editing one, the pilot logbook, "we doen het ook".
    "practice-write": "120/h",
    "logbook": "30/h",
    "adopt": "30/h",
    # The cookie choice in the footer.
    "cookie-choice": "60/h",
    # Vragen: asking, answering and flagging, each counted per person.
    "question-ask": "30/h",
    "question-answer": "30/h",
    "question-flag": "30/h",
    # The campaign sign-up (the form answers 429 itself, keeping the text typed).
    "campaign-signup": "10/10m",
    # A regiogids's visits, Reisadvies drafts and practices started from a visit.
    "guide-write": "120/h",
    # The mail choices on the profile.
    "notification-preferences": "30/h",
}


def parse_rate(rate):
    """ "10/h" → (10, 3600); "30/10m" → (30, 600); "" or None → None (no limit)."""
    if not rate:
        return None
    count, _, period = str(rate).partition("/")
    number = period.rstrip("smhd") or "1"
    return int(count), int(number) * UNITS[period[-1]]


def limit_for(name):
    """(count, seconds) of the limit `name`, or None when it is switched off."""
    rates = {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    if name not in rates:
        raise KeyError(f"No rate limit named {name!r}: add it to DEFAULT_LIMITS")
    return parse_rate(rates[name])


def over_limit(key, limit, seconds, *, using=None):
    """Count one more use of `key`; true once more than `limit` in the window of `seconds`.

    `cache.add` starts the window only for the first use; `incr` is atomic in Redis and in
    diskcache, so two workers counting at once both count."""
    store = using or cache
    try:
        store.add(key, 0, timeout=seconds)
        try:
            return store.incr(key) > limit
        except ValueError:  # the key expired between add and incr
            store.set(key, 1, timeout=seconds)
            return 1 > limit
    except Exception:  # a cache that is down must not turn every form into a 500
        logger.exception("rate limit: cache unavailable, %s not counted", key)
        return False


def client_ip(request):
    """The client's address as allauth sees it, so one proxy setting serves every limit.

    Behind a reverse proxy set ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER.
    """
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR", "")


def who(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def exceeded(request, name, subject=None, *, using=None):
    """Count one use of limit `name` by this request's person (or by `subject`, e.g. a
    recipient's address); true when that went over the limit."""
    limit = limit_for(name)
    if limit is None:
        return False
    subject = who(request) if subject is None else str(subject).lower()
    over = over_limit(f"ratelimit:{name}:{subject}", *limit, using=using)
    if over:
        request.rate_limited = name
    return over


def too_many_requests(request, name=None):
    """The Dutch 429 page, in the site's layout, with when to try again."""
    name = name or getattr(request, "rate_limited", None)
    limit = limit_for(name) if name else None
    seconds = limit[1] if limit else 60
    response = TemplateResponse(request, "429.html", {"retry_minutes": max(seconds // 60, 1)})
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "private, no-store"
    return response


def rate_limited(name, methods=("POST",)):
    """Decorate a view, or a page's `serve(self, request, …)`: requests with one of `methods`
    count against limit `name`; past it the answer is the 429 page and the view does not run."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            request = next(arg for arg in args[:2] if isinstance(arg, HttpRequest))
            if request.method in methods and exceeded(request, name):
                return too_many_requests(request, name)
            return view(*args, **kwargs)

        return wrapped

    return decorator
