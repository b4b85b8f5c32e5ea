"""What is counted, at the moment it happens: only cache operations (see buffer.py)."""

import re
import time
from datetime import timedelta

from django.conf import settings
from django.core.signals import setting_changed
from django.utils import timezone
from django.utils.crypto import salted_hmac

from route2020.consent import cookies

from . import buffer

# Not pages: the CMS, accounts, documents, the cookie answer itself.
SKIPPED_PREFIXES = ("/beheer/", "/django-admin/", "/account/", "/documenten/", "/cookies/")
# Crawlers announce themselves; the user agent is read here and never stored.
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-", re.IGNORECASE)
MAX_AGENTS = 1000
_PEOPLE = {}  # hash(user agent) -> a person (not a crawler)
MAX_PATH = 300
MAX_TERM = 100


_prefixes = {}  # (LANGUAGES, LANGUAGE_CODE) -> the prefixes of the other languages
_today = [None, 0.0]  # the local date, and the moment (time.time()) the next day starts


def _language_prefixes():
    settings_now = (tuple(settings.LANGUAGES), settings.LANGUAGE_CODE)
    prefixes = _prefixes.get(settings_now)
    if prefixes is None:
        prefixes = _prefixes[settings_now] = tuple(
            f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        )
    return prefixes


def _forget_today(setting, **kwargs):
    if setting in ("TIME_ZONE", "USE_TZ"):
        _today[:] = [None, 0.0]


setting_changed.connect(_forget_today, dispatch_uid="route2020-stats-today")


def today():
    """The local date, worked out once a day: timezone.localdate() converts the time to the
    zone on every call, a tenth of what a page served from the page cache costs."""
    day, next_day_starts = _today
    if time.time() < next_day_starts:
        return day
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    _today[:] = [now.date(), midnight.timestamp()]
    return now.date()


def page_path(request):
    """The path without the language prefix: /en/nieuws/ and /nieuws/ are one page."""
    path = request.path
    for prefix in _language_prefixes():
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def section_of(path):
    """The first part of a path: "nieuws" for /nieuws/x/, "" for the home page."""
    return path.strip("/").split("/", 1)[0][:100]


def is_person(request):
    """Not a crawler, not a browser fetching a page ahead in case it is clicked."""
    meta = request.META  # not request.headers: that copies every header of the request
    if meta.get("HTTP_SEC_PURPOSE", "").startswith("prefetch"):
        return False
    if meta.get("HTTP_PURPOSE") == "prefetch":
        return False
    agent = meta.get("HTTP_USER_AGENT", "")
    # Browsers send a few user agents over and over: the answer is remembered under the
    # process's own salted hash of the string, never the string itself.
    key = hash(agent)
    person = _PEOPLE.get(key)
    if person is None:
        if len(_PEOPLE) >= MAX_AGENTS:
            _PEOPLE.clear()
        person = _PEOPLE[key] = not ROBOTS.search(agent)
    return person


def visitor_key(statistics_id):
    """What the database keeps of the random id: a keyed hash, so a stolen copy of the
    database cannot be matched with a browser's cookie."""
    return salted_hmac("route2020.stats.visitor", statistics_id, algorithm="sha256").hexdigest()


def count_page_view(request, response):
    if not settings.STATS_ENABLED:
        return
    if request.method != "GET" or response.status_code != 200:
        return
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    path = page_path(request)
    if path.startswith(SKIPPED_PREFIXES) or not is_person(request):
        return
    day = today()
    buffer.add("view", day, path[:MAX_PATH])
    statistics_id = cookies.statistics_id(request)
    # Once a process has seen a visitor on a day, their next pages that day need neither the
    # keyed hash nor the cache. It notes the process's own salted hash of the id, not the id.
    if statistics_id and not buffer.seen_in_process(hash((day, statistics_id))):
        key = visitor_key(statistics_id)
        if buffer.first_today(key, day):
            buffer.add("visit", day, key)


def normalise_term(query):
    return " ".join(query.lower().split())[:MAX_TERM]


def count_search_without_results(request, query):
    term = normalise_term(query)
    if settings.STATS_ENABLED and term and is_person(request):
        buffer.add("search", today(), term)
