"""The office's views in /beheer/: attendees, CSV, check-in list and a mail to everyone."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from route2020.core.csv_export import CHUNK_SIZE, csv_response, in_chunks

from . import services
from .models import EventPage, Registration, Session, unconfirmed_too_long
from .models.programme import PRACTICE_TYPE

Status = Registration.Status
PRACTICE_SEARCH_LIMIT = 20


def _require(request, codename="view_registration"):
    if not request.user.has_perm(f"events.{codename}"):
        raise PermissionDenied


def _event(event_id):
    return get_object_or_404(EventPage, pk=event_id)


def _registrations(event, statuses):
    return (
        Registration.objects.not_expired()
        .filter(event=event, status__in=statuses)
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("start")))
        .order_by("name", "pk")
    )


def overview(request):
    _require(request)
    counts = {
        f"{status}_count": Count("registrations", filter=Q(registrations__status=status))
        for status in (Status.CONFIRMED, Status.WAITLISTED)
    }
    # Unconfirmed for too long: expired, even before the hourly job has marked them so.
    counts[f"{Status.PENDING}_count"] = Count(
        "registrations",
        filter=Q(registrations__status=Status.PENDING)
        & ~unconfirmed_too_long(prefix="registrations__"),
    )
    events = EventPage.objects.annotate(**counts).order_by("-start")
    upcoming = request.GET.get("wanneer") != "geweest"
    events = (
        events.filter(end__gte=timezone.now())
        if upcoming
        else events.filter(end__lt=timezone.now())
    )
    page = Paginator(events, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/overview.html",
        {"events": page, "upcoming": upcoming, "title": _("Aanmeldingen per bijeenkomst")},
    )


def attendees(request, event_id):
    _require(request)
    event = _event(event_id)
    registrations = _registrations(event, [Status.CONFIRMED, Status.WAITLISTED, Status.PENDING])
    return TemplateResponse(
        request,
        "events/admin/attendees.html",
        {
            "event": event,
            "registrations": registrations,
            "sessions": event.get_sessions(),
            "title": _("Deelnemers: %(title)s") % {"title": event.title},
        },
    )


def attendees_csv(request, event_id):
    _require(request)
    event = _event(event_id)
    header = ["naam", "e-mailadres", "organisatie", "status", "sessies", "aangemeld op"]
    rows = (
        [
            registration.name,
            registration.email,
            registration.organisation_name,
            str(registration.get_status_display()),
            ", ".join(session.title for session in registration.sessions.all()),
            timezone.localtime(registration.created_at).strftime("%d-%m-%Y %H:%M"),
        ]
        for registration in _registrations(event, [Status.CONFIRMED, Status.WAITLISTED])
    )
    return csv_response(
        f"deelnemers-{event.slug}.csv", header, in_chunks(rows, CHUNK_SIZE), delimiter=";"
    )


def checkin(request, event_id):
    """A printable list to tick off people at the door."""
    _require(request)
    event = _event(event_id)
    return TemplateResponse(
        request,
        "events/admin/checkin.html",
        {"event": event, "registrations": _registrations(event, [Status.CONFIRMED])},
    )


class RegistrantsMailForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Onderwerp"), max_length=150)
    body = forms.CharField(
        label=gettext_lazy("Bericht"), widget=forms.Textarea(attrs={"rows": 12}), max_length=10_000
    )


def registrants_mail(request, event_id):
    _require(request, "change_registration")
    event = _event(event_id)
    form = RegistrantsMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.registrants_mail(
            event=event, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"]
        )
        messages.success(
            request,
            ngettext(
                "De mail staat in de wachtrij voor %(count)s aangemelde persoon.",
                "De mail staat in de wachtrij voor %(count)s aangemelde personen.",
                count,
            )
            % {"count": count},
        )
        return redirect("events_office:attendees", event.pk)
    return TemplateResponse(
        request,
        "events/admin/mail.html",
        {"event": event, "form": form, "title": _("Mail aan alle aangemelden")},
        status=400 if form.is_bound else 200,
    )


def practice_search(request):
    """For the practice chooser of a session: at most 20 published practices whose title
    matches, by title. Only for people who may edit pages."""
    if not PagePermissionPolicy().user_has_any_permission(
        request.user, ["add", "change", "publish"]
    ):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if len(query) >= 2:
        results = list(practice_matches(query))
    return JsonResponse({"results": results})


def practice_matches(query):
    """The chooser's query: `UPPER(title) LIKE '%QUERY%'`, which the trigram index of
    migration 0006 serves on PostgreSQL (a B-tree cannot: the match may start mid-word).

    The content type is a constant (ContentType's cache), not a join on its table: joined,
    PostgreSQL walked the content type's index over every practice and filtered each title
    (250-300 ms at 100,000) instead of asking the trigram index."""
    from django.contrib.contenttypes.models import ContentType

    practice_type = ContentType.objects.get_by_natural_key(*PRACTICE_TYPE)
    return (
        Page.objects.live()
        .filter(content_type=practice_type, title__icontains=query)
        .order_by("title", "pk")
        .values("id", "title")[:PRACTICE_SEARCH_LIMIT]
    )
