import json
from datetime import UTC, timedelta
from email.utils import parseaddr
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from . import permissions, registry, services
from .auth import staff_mfa_required
from .forms import DeclineForm, ProfileForm
from .models import MembershipRequest
from .ratelimit import rate_limited
from .services import browser_data_forget, user_data_export, user_delete


def admin_login(request):
    """/beheer/login/ (Wagtail's own sign-in, without the lockout) leads to the one sign-in
    page of the site, /account/login/, with its lockout and two-step sign-in."""
    target = request.GET.get("next") or "/beheer/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/beheer/"
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def security_txt(request):
    """RFC 9116: where to report a vulnerability (SECURITY_CONTACT), in force until Expires."""
    site = settings.SITE_URL.rstrip("/")
    expires = settings.SECURITY_TXT_EXPIRES or (timezone.now() + timedelta(days=180)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    # Without SECURITY_CONTACT (development), the sender address of the site's mail.
    contact = settings.SECURITY_CONTACT or f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {site}{reverse('security-txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /account/",
        "Disallow: /zoeken/",
        # Downloads of whole listings and the API's pages: for people and programs, not for
        # crawlers following every filter combination.
        "Disallow: /api/",
        "Disallow: /praktijkvoorbeelden/export.csv",
        "Disallow: /bijeenkomsten/export.csv",
        "Disallow: /en/praktijkvoorbeelden/export.csv",
        "Disallow: /en/bijeenkomsten/export.csv",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Personal pages are never stored by a browser or proxy cache (never_cache: private, no-store).


@never_cache
@login_required
@rate_limited("profile")
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je profiel is opgeslagen."))
        return redirect("profile")
    latest = (
        request.user.membership_requests.exclude(state=MembershipRequest.State.WITHDRAWN)
        .select_related("organisation")
        .order_by("-created_at", "-pk")
        .first()
    )
    return render(
        request,
        "core/profile.html",
        {
            "form": form,
            "membership": latest,
            "profile_sections": registry.profile_sections(request),
        },
    )


@staff_mfa_required
@never_cache
@login_required
def membership_queue(request):
    """The open requests to act for an organisation that this guide or editor may decide."""
    if not permissions.decides_memberships(request.user):
        raise PermissionDenied
    requests = (
        permissions.membership_requests_to_decide(request.user)
        .select_related("user", "organisation", "organisation__province")
        .order_by("created_at", "pk")
    )
    page = Paginator(requests, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "core/membership_queue.html",
        {"page_obj": page, "page_title": _("Lidmaatschappen bevestigen")},
    )


@staff_mfa_required
@never_cache
@login_required
def membership_decide(request, pk):
    if not permissions.decides_memberships(request.user):
        raise PermissionDenied
    membership = get_object_or_404(
        permissions.membership_requests_to_decide(request.user).select_related(
            "user", "organisation", "organisation__province"
        ),
        pk=pk,
    )
    form = DeclineForm()
    status = 200
    if request.method == "POST":
        if "bevestigen" in request.POST:
            services.membership_confirm(membership_request=membership, user=request.user)
            messages.success(
                request,
                _("%(name)s werkt nu namens %(organisation)s.")
                % {"name": membership.user, "organisation": membership.organisation},
            )
            return redirect("membership-queue")
        form = DeclineForm(request.POST)
        if form.is_valid():
            services.membership_decline(
                membership_request=membership,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("De aanvraag is afgewezen; de aanvrager krijgt een mail."))
            return redirect("membership-queue")
        status = 400
    others = membership.organisation.people.filter(is_active=True).order_by("last_name")[:20]
    return render(
        request,
        "core/membership_decide.html",
        {
            "membership": membership,
            "form": form,
            "others": others,
            "page_title": _("Lidmaatschap bevestigen"),
        },
        status=status,
    )


@never_cache
@login_required
def data_export(request):
    response = HttpResponse(
        json.dumps(
            user_data_export(user=request.user, request=request), indent=2, ensure_ascii=False
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-route2020.json"'
    return response


@never_cache
@login_required
def account_delete(request):
    if request.method == "POST":
        if request.POST.get("confirm") == "verwijder":
            user = request.user
            logout(request)
            user_delete(user=user)
            messages.success(request, _("Je account en je gegevens zijn verwijderd."))
            response = redirect("/")
            browser_data_forget(request=request, response=response)
            return response
        messages.error(request, _("Typ het woord verwijder om te bevestigen."))
    return render(request, "core/account_delete.html")


def server_error(request):
    """The site's own 500 page (handler500), in the visitor's language.

    Rendered without the context processors: the menu and the footer's settings come from the
    database and the cache, and either may be why the page failed.
    """
    from django.template import loader
    from django.urls import NoReverseMatch
    from django.utils.translation import get_language

    english = get_language() == "en"
    try:
        search_url = reverse("search:search")
    except NoReverseMatch:
        search_url = "/zoeken/"
    html = loader.get_template("500.html").render(
        {"home_url": "/en/" if english else "/", "search_url": search_url}
    )
    return HttpResponse(html, status=500)
