from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from route2020.core.ratelimit import rate_limited

from . import links, services
from .forms import PreferencesForm
from .models import Kind


@login_required
@require_POST
@rate_limited("notification-preferences")
def preferences(request):
    """The section on the profile page posts here (profile.py)."""
    form = PreferencesForm(request.POST, user=request.user)
    if form.is_valid():
        services.set_preferences(
            user=request.user, frequencies=form.frequencies(), themes=form.cleaned_data["themes"]
        )
        messages.success(request, _("Je keuzes voor mail zijn opgeslagen."))
        return redirect("profile")
    response = render(request, "notifications/preferences.html", {"form": form}, status=400)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # the token is the proof; a mail client posts without a page (RFC 8058)
def unsubscribe(request, token):
    """GET shows a button (link scanners in mail filters must not unsubscribe anyone); POST,
    from that button or a mail client's one-click, unsubscribes."""
    found = links.read(token)
    if found is None or found[1] not in Kind.values:
        response = render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
        add_never_cache_headers(response)
        return response
    user_id, kind = found
    done = False
    if request.method == "POST":
        services.unsubscribe(user_id=user_id, kind=kind)
        done = True
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseBadRequest()
    response = render(
        request,
        "notifications/unsubscribe.html",
        {"kind": Kind(kind).label, "done": done},
    )
    add_never_cache_headers(response)
    return response
