from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from route2020.core.pages import public

from . import services
from .calendars import event_response, feed_calendar
from .forms import RegistrationForm, SessionsForm
from .models import CONFIRMATION_EXPIRES_HOURS, EventPage, Registration


def feed(request):
    return HttpResponse(feed_calendar(request), content_type="text/calendar; charset=utf-8")


def agenda(request, slug):
    """ "Zet in je agenda": one event as an .ics file."""
    event = get_object_or_404(public(EventPage.objects.live()), slug=slug)
    return event_response(event)


def register(request, event):
    """POST of the registration form on the event page; errors show on that page again."""
    if request.method != "POST":
        return redirect(event.url)
    user = request.user if request.user.is_authenticated else None
    sessions = list(event.get_sessions())
    form = RegistrationForm(request.POST, event=event, sessions=sessions, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                user=user,
                name=data.get("name", ""),
                email=data.get("email", ""),
                organisation_name=data.get("organisation_name", ""),
                sessions=data.get("sessions", []),
            )
        except services.AlreadyRegistered as error:
            messages.info(request, error.message)
            if user is not None and error.registration is not None:
                return redirect(error.registration.get_personal_url())
            return redirect(event.url)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_after_registration(request, registration))
    context = event.registration_context(request, form=form)
    response = event.render(request, context_overrides=context)
    response.status_code = 400
    return response


def _after_registration(request, registration):
    Status = Registration.Status
    if registration.status == Status.PENDING:
        messages.success(
            request,
            _(
                "Bijna klaar: we hebben je een mail gestuurd. Klik op de link daarin om je "
                "aanmelding te bevestigen."
            ),
        )
        return registration.event.url
    if registration.status == Status.WAITLISTED:
        messages.info(request, _("De bijeenkomst is vol. Je staat op de wachtlijst."))
    else:
        messages.success(request, _("Je bent aangemeld. Je krijgt een bevestiging per mail."))
    return registration.get_personal_url()


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
