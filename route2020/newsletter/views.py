"""Routes that are not pages: personal links from mails, and tip-a-friend."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from . import links, services, tasks
from .forms import PreferencesForm, TipForm

logger = logging.getLogger(__name__)

NO_TOOLS = {"hide_page_tools": True}


def subscribed(request):
    return render(request, "newsletter/subscribed.html", {"page_title": _("Bijna aangemeld")})


def _invalid(request):
    return render(
        request,
        "newsletter/invalid_link.html",
        {"page_title": _("Deze link werkt niet (meer)")},
        status=404,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: link checkers that open mails must not subscribe."""
    subscriber = links.subscriber_for(token, links.CONFIRM)
    if subscriber is None:
        return _invalid(request)
    if request.method == "POST":
        services.confirm(subscriber=subscriber)
        return redirect("newsletter:preferences", links.make_token(subscriber, links.PREFERENCES))
    return render(
        request,
        "newsletter/confirm.html",
        {"page_title": _("Aanmelding bevestigen"), "subscriber": subscriber},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = links.subscriber_for(token, links.PREFERENCES)
    if subscriber is None or subscriber.status != subscriber.Status.CONFIRMED:
        return _invalid(request)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.update_preferences(subscriber=subscriber, **form.cleaned_data)
            return redirect(f"{request.path}?opgeslagen=1")
    else:
        form = PreferencesForm(
            initial={
                "name": subscriber.name,
                "organisation": subscriber.organisation,
                "themes": list(subscriber.themes.values_list("pk", flat=True)),
            }
        )
    return render(
        request,
        "newsletter/preferences.html",
        {
            "page_title": _("Uw voorkeuren voor de Reisflitsen"),
            "form": form,
            "subscriber": subscriber,
            "saved": request.GET.get("opgeslagen") == "1",
            "unsubscribe_url": links.personal_url(subscriber, links.UNSUBSCRIBE),
        },
    )


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = links.subscriber_for(token, links.UNSUBSCRIBE)
    if subscriber is None:
        return _invalid(request)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", {"page_title": _("U bent afgemeld")})
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"page_title": _("Afmelden voor de Reisflitsen"), "subscriber": subscriber},
    )


def client_ip(request):
    """The client's address as allauth sees it, so one proxy setting serves every limit.

    Behind a reverse proxy set ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER.
    """
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR", "")


def tip_page(request):
    try:
        page_id = int(request.GET.get("pagina", ""))
    except ValueError:
        raise Http404 from None
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).first()
    if page is None:
        raise Http404
    return page.specific


@never_cache
@require_http_methods(["GET", "POST"])
def tip(request):
    """Tip een vriend: a fixed mail with the page's address, never free HTML or other links."""
    page = tip_page(request)
    form = TipForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        recipient = form.cleaned_data["recipient"].lower()
        from .services import over_limit, setting

        limited = over_limit(
            f"newsletter:tip:ip:{client_ip(request)}", setting("TIP_PER_IP_PER_HOUR", 10), 3600
        ) or over_limit(
            f"newsletter:tip:to:{recipient}", setting("TIP_PER_RECIPIENT_PER_DAY", 3), 86400
        )
        if not limited:
            if not form.is_spam:  # a filled honeypot gets the same answer and no mail
                data = {**form.cleaned_data}
                transaction.on_commit(
                    lambda: tasks.send_tip.enqueue(
                        page_id=page.pk,
                        recipient=data["recipient"],
                        sender_name=data["sender_name"],
                        note=data["note"],
                    )
                )
            return render(
                request,
                "newsletter/tip_sent.html",
                {"page_title": _("Tip verstuurd"), "tipped_page": page},
            )
    return render(
        request,
        "newsletter/tip.html",
        {
            "page_title": _("Tip een vriend"),
            "tipped_page": page,
            "form": form,
            "limited": limited,
        },
        status=429 if limited else 200,
    )
