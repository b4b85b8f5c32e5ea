"""Events in the public API (mounted by route2020.api), with their programme.

The listing's filters (`soort`, `provincie`, `thema`, `wanneer`) with the same values as
/bijeenkomsten/, plus a date range. Registrations, free places and who comes are not part
of it: they are personal, or change without a publish.
"""

from datetime import date, datetime
from typing import Literal

from django.db.models import Max, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import http_date
from ninja import Field, Path, Query, Router, Schema
from pydantic import BaseModel
from wagtail.models import Page

from route2020.api import MAX_ID, SLUG_PATTERN, answers, page_url, render_html
from route2020.api.pagination import PageParams, keyset_page, page_schema
from route2020.core.api import OrganisationRef, ProvinceRef, organisation_ref, province_ref
from route2020.core.pages import public
from route2020.themes.api import ThemeRef, themes_of

from .models import Audience, EventPage, EventType, Session

router = Router()

SUMMARY_FIELDS = (
    *EventPage.LIST_FIELDS,
    "first_published_at",
    "province__slug",
    "province__code",
    "organiser__slug",
)


class EventFilters(Schema):
    soort: Literal[tuple(EventType.values)] = Field(None, description="Kind of event.")
    provincie: str = Field(
        None, max_length=40, pattern=SLUG_PATTERN, description="Province slug, see /provinces/."
    )
    thema: str = Field(
        None, max_length=255, pattern=SLUG_PATTERN, description="Theme slug, see /themes/."
    )
    wanneer: Literal["komend", "geweest"] = Field(
        None,
        description="`komend`: not yet ended, soonest first; `geweest`: ended, latest first. "
        "Without it: every event, earliest first.",
    )
    van: date = Field(None, description="Only events that end on or after this day.")
    tot: date = Field(None, description="Only events that start on or before this day.")


class EventRegistrationInfo(BaseModel):
    enabled: bool = Field(description="One registers on the event's page.")
    opens: datetime | None
    closes: datetime | None = Field(description="Registration closes; null: at the start.")
    members_only: bool


class PracticeRef(BaseModel):
    id: int = Field(description="The practice, see /practices/{id}/.")
    title: str
    url: str | None


class SessionOut(BaseModel):
    title: str
    kind: Literal[tuple(Session.Kind.values)]
    start: datetime
    end: datetime
    room: str | None
    presenters: str | None
    description: str | None
    capacity: int | None
    practices: list[PracticeRef] = Field(description="Practices presented in the session.")


class EventSummary(BaseModel):
    id: int
    title: str
    slug: str
    url: str | None = Field(description="The event's page: name it when you reuse this.")
    type: Literal[tuple(EventType.values)]
    start: datetime
    end: datetime
    intro: str | None
    venue_name: str | None
    online: bool = Field(description="Takes place online (a webinar, or also online).")
    province: ProvinceRef | None = Field(description="Null: national or online.")
    organiser: OrganisationRef | None
    audience: Literal[tuple(Audience.values)] = Field(
        description="`iedereen`: open to all; `leden`: members of the association only."
    )
    themes: list[ThemeRef]
    last_published_at: datetime | None


class EventDetail(EventSummary):
    venue_address: str | None
    online_url: str | None = Field(
        description="The link to join online; for members-only events only after registering."
    )
    capacity: int | None
    registration: EventRegistrationInfo
    body_html: str = Field(description="The description, as HTML.")
    report_html: str = Field(description="After the event: the report, as HTML.")
    sessions: list[SessionOut] = Field(description="The programme, in order of time.")
    first_published_at: datetime | None


EventList = page_schema(EventSummary, "EventList")


def public_events():
    return public(EventPage.objects.live())


def event_summary(event, request, themes):
    return {
        "id": event.pk,
        "title": event.title,
        "slug": event.slug,
        "url": page_url(event, request),
        "type": event.event_type,
        "start": event.start,
        "end": event.end,
        "intro": event.intro or None,
        "venue_name": event.venue_name or None,
        "online": bool(event.online_url),
        "province": province_ref(event.province),
        "organiser": organisation_ref(event.organiser),
        "audience": event.audience,
        "themes": themes,
        "last_published_at": event.last_published_at,
    }


@router.get(
    "/events/",
    response=answers(EventList),
    summary="Events, with the listing's filters and a date range",
    operation_id="events_list",
    tags=["events"],
)
def events(request, response: HttpResponse, filters: Query[EventFilters], page: Query[PageParams]):
    queryset = public_events().select_related("province", "organiser").only(*SUMMARY_FIELDS)
    if filters.soort:
        queryset = queryset.filter(event_type=filters.soort)
    if filters.provincie:
        queryset = queryset.filter(province__slug=filters.provincie)
    if filters.thema:
        queryset = queryset.filter(themes__slug=filters.thema)
    if filters.van:
        queryset = queryset.filter(end__date__gte=filters.van)
    if filters.tot:
        queryset = queryset.filter(start__date__lte=filters.tot)
    descending = False
    if filters.wanneer:
        now = timezone.now()
        past = filters.wanneer == "geweest"
        queryset = queryset.filter(end__lt=now) if past else queryset.filter(end__gte=now)
        descending = past
        # This answer changes when an event ends, without a publish: it was last modified
        # when the latest event that has ended did so (route2020.api.http takes the later).
        ended = public_events().filter(end__lt=now).aggregate(latest=Max("end"))["latest"]
        if ended:
            response["Last-Modified"] = http_date(ended.timestamp())
    result = keyset_page(request, queryset, page, keys=("start",), descending=descending)
    rows = result["results"]
    themes = themes_of(EventPage.themes.through, "eventpage_id", [row.pk for row in rows])
    result["results"] = [event_summary(event, request, themes[event.pk]) for event in rows]
    return result


def practice_refs(pages, request):
    return [{"id": page.pk, "title": page.title, "url": page_url(page, request)} for page in pages]


@router.get(
    "/events/{id}/",
    response=answers(EventDetail, one=True),
    summary="One event, with its programme",
    operation_id="events_detail",
    tags=["events"],
)
def event(request, id: int = Path(..., ge=1, le=MAX_ID)):
    event = get_object_or_404(public_events().select_related("province", "organiser"), pk=id)
    themes = themes_of(EventPage.themes.through, "eventpage_id", [event.pk])
    # Presented practices: live and public ones only, as in the event page's programme.
    sessions = event.sessions.order_by("start", "sort_order").prefetch_related(
        Prefetch("practices", queryset=public(Page.objects.live()).order_by("title"))
    )
    return event_summary(event, request, themes[event.pk]) | {
        "venue_address": event.venue_address or None,
        "online_url": (event.online_url or None) if not event.members_only else None,
        "capacity": event.capacity,
        "registration": {
            "enabled": event.registration_enabled,
            "opens": event.registration_opens,
            "closes": event.registration_closes,
            "members_only": event.members_only,
        },
        "body_html": render_html(event.body),
        "report_html": render_html(event.report),
        "sessions": [
            {
                "title": session.title,
                "kind": session.kind,
                "start": session.start,
                "end": session.end,
                "room": session.room or None,
                "presenters": session.presenters or None,
                "description": session.description or None,
                "capacity": session.capacity,
                "practices": practice_refs(session.practices.all(), request),
            }
            for session in sessions
        ],
        "first_published_at": event.first_published_at,
    }
