"""The cookies the cookie question is about.

Two first-party cookies, nothing else:

- `r2020_cookies` holds the answer, "ja" or "nee" (named in route2020.core.cache, because the
  page cache keeps a copy per answer);
- `r2020_statistiek` holds a random id and exists only after "Ja": it lets the statistics
  count unique and returning visitors. "Nee" deletes it.
"""

import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from route2020.core.cache import CONSENT_COOKIE, consent_choice

YES, NO = "ja", "nee"
CHOICES = (YES, NO)
STATISTICS_COOKIE = "r2020_statistiek"
# The answer and the id are asked again after a year.
MAX_AGE = 60 * 60 * 24 * 365
_ID = re.compile(r"[0-9a-f]{32}")


def choice(request):
    """The visitor's answer: "ja", "nee" or "" (not answered yet)."""
    return consent_choice(request)


def statistics_id(request):
    """The random id of a visitor who said "Ja", or None."""
    if choice(request) != YES:
        return None
    value = request.COOKIES.get(STATISTICS_COOKIE, "")
    return value if _ID.fullmatch(value) else None


def remember_choice(request, response, answer):
    """Store the answer; "Ja" gives the browser a random id (kept if it has one), "Nee"
    deletes it."""
    options = {"samesite": "Lax", "secure": request.is_secure(), "httponly": True}
    response.set_cookie(CONSENT_COOKIE, answer, max_age=MAX_AGE, **options)
    if answer == YES:
        current = request.COOKIES.get(STATISTICS_COOKIE, "")
        value = current if _ID.fullmatch(current) else secrets.token_hex(16)
        response.set_cookie(STATISTICS_COOKIE, value, max_age=MAX_AGE, **options)
    else:
        response.delete_cookie(STATISTICS_COOKIE, samesite="Lax")


def forget_choice(response):
    """Delete both cookies: the banner asks again."""
    response.delete_cookie(CONSENT_COOKIE, samesite="Lax")
    response.delete_cookie(STATISTICS_COOKIE, samesite="Lax")


def sent_from_this_site(request):
    """Whether a POST comes from a page of this site, by what the browser says about it.

    Browsers send `Sec-Fetch-Site` (and before that `Origin`, and a `Referer` unless a page
    forbids it) with a form post; another site cannot forge them. A request with none of the
    three does not come from a browser on another site's page.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is not None:
        return _same_host(request, origin)
    referer = request.headers.get("Referer")
    if referer is not None:
        return _same_host(request, referer)
    return True


def _same_host(request, url):
    host = urlsplit(url).netloc
    if not host:
        return False
    trusted = {urlsplit(origin).netloc for origin in settings.CSRF_TRUSTED_ORIGINS}
    return host == request.get_host() or host in trusted


def local_path(value):
    """`value` if it is a path on this site, else "/": the choice never sends anyone away."""
    value = value or "/"
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return value
    return "/"
