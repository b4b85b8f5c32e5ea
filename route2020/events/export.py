"""The event calendar as a CSV download: the listing's filters (soort, provincie, thema,
wanneer) and order, every event instead of one page, streamed in chunks."""

from django.utils import timezone
from django.utils.translation import gettext as _

from route2020.core import csv_export

from .forms import EventFilterForm
from .models import EventPage

EXPORT_FIELDS = (*EventPage.LIST_FIELDS, "venue_address")


def header():
    return [
        _("id"),
        _("titel"),
        _("adres"),
        _("soort"),
        _("begint op"),
        _("eindigt op"),
        _("locatie"),
        _("adres locatie"),
        _("online"),
        _("provincie"),
        _("organisator"),
        _("voor wie"),
        _("thema's"),
        _("inleiding"),
    ]


def event_chunks(request, index):
    """The events /bijeenkomsten/?<request.GET> lists, in chunks: one query per chunk for
    the events (a server-side cursor on PostgreSQL) and one for their themes."""
    form = EventFilterForm(request.GET or None)
    past = request.GET.get("wanneer") == "geweest"
    events = index.listed_events(form, past).only(*EXPORT_FIELDS)
    size = csv_export.CHUNK_SIZE
    for chunk in csv_export.in_chunks(events.iterator(chunk_size=size), size):
        yield rows(chunk, request)


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def rows(events, request):
    themes = {}
    for event_id, label, title in (
        EventPage.themes.through.objects.filter(
            eventpage_id__in=[event.pk for event in events], themepage__live=True
        )
        .order_by("themepage__number", "themepage__path")
        .values_list("eventpage_id", "themepage__short_title", "themepage__title")
    ):
        themes.setdefault(event_id, []).append(label or title)
    yes = _("ja")
    return [
        [
            event.pk,
            event.title,
            event.get_full_url(request),
            event.get_event_type_display(),
            _local(event.start),
            _local(event.end),
            event.venue_name,
            event.venue_address,
            yes if event.online_url else "",
            event.province.name if event.province else _("Landelijk"),
            event.organiser.name if event.organiser else "",
            event.get_audience_display(),
            "; ".join(themes.get(event.pk, [])),
            event.intro,
        ]
        for event in events
    ]
