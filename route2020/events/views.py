from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from route2020.core.csrf import RETRY_MESSAGE
from route2020.core.csv_export import csv_response
from route2020.core.pages import public
from route2020.core.ratelimit import rate_limited

from . import export, services
from .calendars import event_response, feed_calendar
from .forms import RegistrationForm, SessionsForm
from .models import CONFIRMATION_EXPIRES_HOURS, EventIndexPage, EventPage, Registration


def feed(request):
    return HttpResponse(feed_calendar(request), content_type="text/calendar; charset=utf-8")


@require_GET
def export_csv(request):
    """The calendar with the listing's current filters as CSV: every event, streamed."""
    index = get_object_or_404(EventIndexPage.objects.live())
    return csv_response("bijeenkomsten.csv", export.header(), export.event_chunks(request, index))


def agenda(request, slug):
    """ "Zet in je agenda": one event as an .ics file."""
    event = get_object_or_404(public(EventPage.objects.live()), slug=slug)
    return event_response(event)


def registration_csrf_retry(request, page, args, kwargs):
    """The registration form posted without its CSRF token (the cached event page without
    JavaScript, route2020.core.csrf): the page again with the input kept and a fresh token.
    Nothing is registered."""
    if not isinstance(page, EventPage) or not args:
        return None
    if getattr(args[0], "__name__", "") != EventPage.register_route.__name__:
        return None
    form = RegistrationForm(
        request.POST, event=page, sessions=list(page.get_sessions()), user=request.user
    )
    form.is_valid()
    form.add_error(None, RETRY_MESSAGE)
    response = page.render(request, context_overrides=page.registration_context(request, form))
    response.status_code = 400
    return response


def _registration_or_404(signed):
    registration = Registration.from_signed_token(signed)
    if registration is None:
        return None
    return registration


def _invalid(request):
    return TemplateResponse(request, "events/registration_invalid.html", status=404)


def _expired(request, registration):
    """A visitor who did not confirm in time: say so kindly and offer to register again."""
    event = registration.event
    return TemplateResponse(
        request,
        "events/registration_expired.html",
        {
            "event": event,
            "hours": CONFIRMATION_EXPIRES_HOURS,
            "may_register_again": event.live
            and not event.is_past
            and event.registration_state() == "open",
            "page_title": _("Deze link is verlopen"),
        },
        status=410,
    )


@never_cache
@rate_limited("registration-change")
def registration_detail(request, signed):
    """The personal link: see the registration, choose other sessions, cancel."""
    registration = _registration_or_404(signed)
    if registration is None:
        return _invalid(request)
    if registration.is_expired:
        return _expired(request, registration)
    event = registration.event
    sessions = list(event.get_sessions())
    editable = registration.is_active and not event.is_past and bool(sessions)
    form = None
    if editable:
        if request.method == "POST":
            form = SessionsForm(request.POST, event=event, sessions=sessions)
            if form.is_valid():
                try:
                    services.registration_change_sessions(
                        registration=registration, sessions=form.cleaned_data["sessions"]
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Je sessies zijn gewijzigd."))
                    return redirect(registration.get_personal_url())
        else:
            form = SessionsForm(
                event=event,
                sessions=sessions,
                initial={"sessions": [s.pk for s in registration.sessions.all()]},
            )
    return TemplateResponse(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "form": form,
            "chosen_sessions": registration.sessions.order_by("start"),
            "signed": signed,
            "page_title": _("Je aanmelding"),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@never_cache
@rate_limited("registration-change")
def registration_confirm(request, signed):
    """The link in the visitor's mail. GET asks, POST confirms: mail scanners that open
    links must not confirm on someone's behalf."""
    registration = _registration_or_404(signed)
    if registration is None:
        return _invalid(request)
    if registration.is_expired:
        return _expired(request, registration)
    if request.method == "POST":
        if registration.status == Registration.Status.CANCELLED:
            messages.error(request, _("Deze aanmelding is afgemeld."))
        else:
            try:
                registration = services.registration_confirm_email(registration=registration)
            except services.RegistrationExpired:
                return _expired(request, registration)
            messages.success(
                request,
                _("Je aanmelding is bevestigd.")
                if registration.status == Registration.Status.CONFIRMED
                else _(
                    "Je e-mailadres is bevestigd. De bijeenkomst is vol: je staat op de wachtlijst."
                ),
            )
        return redirect(registration.get_personal_url())
    return TemplateResponse(
        request,
        "events/registration_confirm.html",
        {
            "registration": registration,
            "event": registration.event,
            "page_title": _("Aanmelding bevestigen"),
        },
    )


@never_cache
@require_POST
@rate_limited("registration-change")
def registration_cancel(request, signed):
    registration = _registration_or_404(signed)
    if registration is None:
        return _invalid(request)
    if registration.is_expired:
        return _expired(request, registration)
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        return TemplateResponse(
            request,
            "events/registration_invalid.html",
            {"reason": error.messages[0]},
            status=409,
        )
    messages.success(request, _("Je bent afgemeld."))
    return redirect(registration.get_personal_url())
