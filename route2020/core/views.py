import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from . import cache as page_cache
from .forms import ProfileForm
from .services import user_data_export, user_delete


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /account/",
        "Disallow: /zoeken/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je profiel is opgeslagen."))
        return redirect("profile")
    return render(request, "core/profile.html", {"form": form})


@login_required
def data_export(request):
    response = HttpResponse(
        json.dumps(user_data_export(user=request.user), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-route2020.json"'
    return response


@login_required
def account_delete(request):
    if request.method == "POST":
        if request.POST.get("confirm") == "verwijder":
            user = request.user
            logout(request)
            user_delete(user=user)
            messages.success(request, _("Je account en je gegevens zijn verwijderd."))
            return redirect("/")
        messages.error(request, _("Typ het woord verwijder om te bevestigen."))
    return render(request, "core/account_delete.html")


@require_POST
def cookie_choice(request):
    """The cookie question of the footer: "ja" or "nee", kept for a year."""
    choice = "ja" if request.POST.get("keuze") == "ja" else "nee"
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        page_cache.CONSENT_COOKIE, choice, max_age=60 * 60 * 24 * 365, samesite="Lax"
    )
    return response


def server_error(request):
    return render(request, "500.html", status=500)
