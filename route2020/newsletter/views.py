"""Routes that are not pages: personal links from mails, and tip-a-friend."""

import logging

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from route2020.core.csrf import RETRY_MESSAGE
from route2020.core.ratelimit import exceeded, rate_limited

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
@rate_limited("newsletter-preferences")
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
            "page_title": _("Je voorkeuren voor de Reisflitsen"),
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
        return render(
            request, "newsletter/unsubscribed.html", {"page_title": _("Je bent afgemeld")}
        )
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"page_title": _("Afmelden voor de Reisflitsen"), "subscriber": subscriber},
    )


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
        limited = exceeded(request, "tip") or exceeded(request, "tip-recipient", recipient)
        if not limited:
            if not form.is_spam:  # a filled honeypot gets the same answer and no mail
                data = {**form.cleaned_data}
                language = translation.get_language()
                transaction.on_commit(
                    lambda: tasks.send_tip.enqueue(
                        page_id=page.pk,
                        recipient=data["recipient"],
                        sender_name=data["sender_name"],
                        note=data["note"],
                        language=language,
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


def signup_csrf_retry(request, page, args, kwargs):
    """The sign-up form posted without its CSRF token (the cached Reisflitsen page without
    JavaScript, route2020.core.csrf): the page again with the input kept and a fresh token.
    Nobody is subscribed."""
    from django.template.response import TemplateResponse

    from .forms import SubscribeForm
    from .models import NewsletterIndexPage

    if not isinstance(page, NewsletterIndexPage):
        return None
    form = SubscribeForm(request.POST)
    form.is_valid()
    form.add_error(None, RETRY_MESSAGE)
    context = page.get_context(request, form=form)
    return TemplateResponse(request, page.get_template(request), context, status=400)
