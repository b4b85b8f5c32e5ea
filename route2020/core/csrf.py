"""CSRF forms on pages the anonymous page cache keeps (route2020.core.cache).

A form's CSRF token is the visitor's own, so a page that prints one cannot be cached. The
event pages and the Reisflitsen page are cached all the same: their form carries an empty
token field (`{% cacheable_csrf_token %}`), which `static/js/route2020.js` fills in from
`/csrf/` (a JSON answer that also sets the CSRF cookie). Without JavaScript (or when the form
is sent before the token arrived) the form is posted without a token: Django's check refuses
it, and CSRF_FAILURE_VIEW (`csrf_failure` below) asks the app that owns the page to show the
form again, with the visitor's input, a fresh token and a note to send it once more. Nothing
of such a post is acted on: an app's handler only renders.

Apps register a handler in AppConfig.ready (`on_csrf_retry(handler)`); a handler is called as
`handler(request, page, args, kwargs)` with the Wagtail page (and its route's arguments) that
the refused POST was sent to, and answers a response, or None when the page is not its own.
"""

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

TOKEN_FIELD = "csrfmiddlewaretoken"
# What an app shows above the form it renders again.
RETRY_MESSAGE = _(
    "Je formulier is nog niet verstuurd: je browser stuurde de beveiligingscode niet mee. "
    "Controleer je gegevens en verstuur het formulier nog een keer."
)
# A missing token or cookie is what a cached form without JavaScript sends; a wrong token or
# a foreign origin is refused as always.
RETRY_REASONS = (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING)

_handlers = []


def on_csrf_retry(handler):
    """Register `handler(request, page, args, kwargs)` (AppConfig.ready)."""
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def routed_page(request):
    """The live Wagtail page (and its route's arguments) this request's path leads to, or
    None for any other view or a page behind a view restriction."""
    from wagtail.models import Page

    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return None
    route = Page.route_for_request(request, match.args[0] if match.args else "")
    if route is None:
        return None
    page, args, kwargs = route
    if page.get_view_restrictions():
        return None
    return page, args, kwargs


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a tokenless post to a page whose app can show the form again gets
    that form again; everything else gets Django's 403."""
    if request.method == "POST" and reason in RETRY_REASONS and _handlers:
        route = routed_page(request)
        if route is not None:
            for handler in _handlers:
                response = handler(request, *route)
                if response is not None:
                    response["Cache-Control"] = "no-store"
                    return response
    return django_csrf_failure(request, reason)


@never_cache
@require_GET
def csrf_token(request):
    """The visitor's CSRF token for a form on a cached page; sets the CSRF cookie."""
    return JsonResponse({"field": TOKEN_FIELD, "token": get_token(request)})


def token_placeholder_allowed(request):
    """Whether a form on the page may go without its token: only when the page cache may
    keep the response being made (an anonymous GET with the cache on)."""
    from .cache import is_anonymous_request

    user = getattr(request, "user", None)
    return (
        settings.PAGE_CACHE_ENABLED
        and is_anonymous_request(request)
        and (user is None or not user.is_authenticated)
    )
