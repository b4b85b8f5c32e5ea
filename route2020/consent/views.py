from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from route2020.core.ratelimit import rate_limited

from . import cookies
from .signals import statistics_refused


# Why this form has no CSRF token: the question is on every page, and anonymous pages are
# served from the page cache (route2020.core.cache), one copy for everyone, so a page cannot
# carry a token of its own visitor (and a token would set a cookie, which keeps the page out
# of the cache). What a forged post could do is small: this view reads no session and no
# account, and writes nothing but the visitor's own answer in a first-party cookie. Even that
# is refused when the browser says the post comes from another site (Sec-Fetch-Site, Origin,
# Referer); only POST, only "ja" or "nee", and the answer sends the visitor back to a path on
# this site, never elsewhere. The cookies are SameSite=Lax and HttpOnly.
@csrf_exempt
@require_POST
@rate_limited("cookie-choice")
def cookie_choice(request):
    """The cookie question of the banner and the footer: "ja" or "nee", kept for a year."""
    if not cookies.sent_from_this_site(request):
        return HttpResponseForbidden(
            _("Je keuze voor cookies kan alleen op deze website zelf worden gemaakt."),
            content_type="text/plain; charset=utf-8",
        )
    answer = request.POST.get("keuze")
    if answer not in cookies.CHOICES:
        return HttpResponseBadRequest(
            _("Kies ‘Ja’ of ‘Nee’."), content_type="text/plain; charset=utf-8"
        )
    response = HttpResponseRedirect(cookies.local_path(request.POST.get("next")))
    cookies.remember_choice(request, response, answer)
    previous_id = cookies.statistics_id(request)
    if answer == cookies.NO and previous_id:
        statistics_refused.send(sender=cookie_choice, statistics_id=previous_id)
    return response
