"""Signing in: one path (allauth's /account/login/, also for /beheer/), one lockout for it
(django-axes, per account and per client), two-step sign-in required for staff.

See docs/security.md.
"""

from functools import wraps

from allauth.account.adapter import get_adapter
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import permissions


def client_ip(request):
    """The client address for the lockout: the same as allauth's rate limits use (it trusts
    ALLAUTH_TRUSTED_PROXY_COUNT proxies' X-Forwarded-For)."""
    return get_adapter().get_client_ip(request)


def lockout_username(request, credentials):
    """The account a sign-in attempt is for: allauth authenticates with `email`; a form
    post names it `login`. Lower-cased, so "A@x.nl" and "a@x.nl" count together."""
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or request.POST.get("login")
        or request.POST.get("email")
        or ""
    )
    return value.strip().lower() or None


def unlock_after_password_reset(sender, request, user, **kwargs):
    """The way back by mail: whoever sets a new password through the link in the mail may
    sign in at once (allauth's password_reset signal)."""
    from axes.utils import reset

    addresses = set(user.emailaddress_set.values_list("email", flat=True)) | {user.email}
    for address in {address.lower() for address in addresses if address}:
        reset(username=address)


def lockout_response(request, original_response, credentials):
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): a Dutch page
    with the way back by mail, status 429."""
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "account/lockout.html",
        {"cooloff_minutes": minutes, "page_title": _("Inloggen tijdelijk geblokkeerd")},
        status=429,
    )


# --- two-step sign-in for staff ----------------------------------------------------------------


def needs_mfa(user):
    """Who must sign in in two steps before reaching /beheer/ or the moderation pages."""
    return user.is_authenticated and (
        user.is_superuser
        or user.is_staff
        or permissions.is_editor(user)
        or permissions.is_guide(user)
    )


def staff_mfa_required(view):
    """Marks a moderation view: StaffMfaMiddleware sends staff without two-step sign-in to
    set it up first."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.staff_mfa_required = True
    return wrapped


class StaffMfaMiddleware:
    """With MFA_REQUIRED_FOR_STAFF on (the default; off in the dev settings so the demo
    logins work), redactie, beheerders and regiogidsen reach /beheer/ and the moderation
    pages only once they have set up two-step sign-in."""

    ADMIN_PREFIX = "/beheer/"
    ALLOWED_ADMIN_PATHS = ("/beheer/login/", "/beheer/logout/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", True):
            return None
        path = request.path_info
        guarded = getattr(view_func, "staff_mfa_required", False) or (
            path.startswith(self.ADMIN_PREFIX) and not path.startswith(self.ALLOWED_ADMIN_PATHS)
        )
        if not guarded or not needs_mfa(request.user) or is_mfa_enabled(request.user):
            return None
        messages.warning(
            request,
            _(
                "Stel eerst inloggen in twee stappen in: voor beheer en beoordelen is dat "
                "verplicht. Gebruik een authenticator-app op je telefoon."
            ),
        )
        return redirect(reverse("mfa_activate_totp"))
