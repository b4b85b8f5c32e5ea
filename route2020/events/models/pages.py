"""Event pages: the listing at /bijeenkomsten/ and one page per gathering with its programme.

Registrations are written only through `services.py`, which keeps capacity under a row lock.
"""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from route2020.core import fragments
from route2020.core.blocks import BodyBlock
from route2020.core.cache import scope_generation, scope_page
from route2020.core.models import BasePage
from route2020.core.pages import public
from route2020.core.pagination import kept_page

from ..permissions import may_register
from .programme import Session
from .registration import Registration

EVENTS_PER_PAGE = 12
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def event_cache_scope(event_id):
    """The page cache scope of one event's page; a registration for it renews that page."""
    return f"event:{event_id}"


class EventType(models.TextChoices):
    NATIONAL = "landelijk", _("Landelijke bijeenkomst")
    SHARING = "deel-je-rijk", _("Deel-je-rijk-sessie")
    REGIONAL = "pleisterplaats", _("PleisterPlaatsOntmoeting")
    ASSEMBLY = "alv", _("Algemene ledenvergadering (ALV)")
    SOUNDING_BOARD = "klankbordgroep", _("Klankbordgroep-bijeenkomst")
    WEBINAR = "webinar", _("Webinar")


class Audience(models.TextChoices):
    PUBLIC = "iedereen", _("Iedereen")
    MEMBERS = "leden", _("Alleen leden")


def when(start, end):
    """'20 november 2017, 10:00–16:30' or across days '1 mei 2026 10:00 – 2 mei 2026 16:00'."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        return (
            f"{formats.date_format(start, 'j F Y')}, "
            f"{formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}"
        )
    return f"{formats.date_format(start, 'j F Y H:i')} – {formats.date_format(end, 'j F Y H:i')}"


class Programme:
    """An event's programme as its page shows it: the sessions (with `confirmed` counted and
    their practices prefetched) and the free places of the event as a whole (counted when
    first asked for: after the event the page shows no free places)."""

    def __init__(self, event, sessions):
        self.event_id = event.pk
        self.capacity = event.capacity
        self.sessions = sessions

    @cached_property
    def confirmed(self):
        if self.event_id is None:
            return 0
        return Registration.objects.filter(
            event_id=self.event_id, status=Registration.Status.CONFIRMED
        ).count()

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.capacity > 0 and not self.places_left


class EventIndexPage(BasePage):
    menu_label = _("Bijeenkomsten")
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("bijeenkomstenoverzicht")

    def get_events(self):
        return (
            public(EventPage.objects.child_of(self).live())
            .select_related("province", "organiser")
            .only(*EventPage.LIST_FIELDS)
        )

    # The query parameters the listing depends on; its fragment is cached per combination.
    LISTING_PARAMETERS = ("wanneer", "soort", "provincie", "thema", "pagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only the listing's own parameters: anything else in the address (utm_source, ...)
        # neither changes the listing nor ends up in the links of a fragment others are served.
        parameters = QueryDict(mutable=True)
        for name in self.LISTING_PARAMETERS:
            if name in request.GET:
                parameters.setlist(name, request.GET.getlist(name))
        past = parameters.get("wanneer") == "geweest"
        query = parameters.copy()
        query.pop("pagina", None)
        other = query.copy()
        if past:
            other.pop("wanneer", None)
        else:
            other["wanneer"] = "geweest"
        # Lazy: when the template's fragment cache has the listing, neither the filter choices
        # nor the events are asked for.
        form = SimpleLazyObject(lambda: self.get_filter_form(parameters))
        # The count is kept as long as the listing's fragment (a publish, or ten minutes for
        # the events that end), so the key holds the page shown, not how `?pagina=` was
        # written (route2020.core.pagination).
        number, events_page = kept_page(
            request,
            "events",
            [self, query.urlencode()],
            lambda: self.listed_events(form, past),
            EVENTS_PER_PAGE,
            parameters.get("pagina"),
            seconds=600,
        )
        context.update(
            filter_form=form,
            past=past,
            events_page=events_page,
            listing_key=f"{query.urlencode()}#{number}",
            query_string=query.urlencode(),
            other_query_string=other.urlencode(),
        )
        return context

    def get_filter_form(self, parameters):
        from ..forms import EventFilterForm

        return EventFilterForm(parameters or None)

    def listed_events(self, form, past):
        """The listing's events for the filters of `form`: upcoming ones soonest first, or
        the past ones latest first. The CSV download lists the same."""
        events = form.filter(self.get_events())
        now = timezone.now()
        if past:
            return events.filter(end__lt=now).order_by("-start", "-pk")
        return events.filter(end__gte=now).order_by("start", "pk")


class EventPage(RoutablePageMixin, BasePage):
    """One gathering: when, where, for whom, the programme and after it the report."""

    event_type = models.CharField(
        _("soort bijeenkomst"), max_length=20, choices=EventType.choices, default=EventType.NATIONAL
    )
    start = models.DateTimeField(_("begint op"))
    end = models.DateTimeField(_("eindigt op"))
    venue_name = models.CharField(_("locatie"), max_length=200, blank=True)
    venue_address = models.CharField(_("adres"), max_length=300, blank=True)
    online_url = models.URLField(
        _("link voor online deelname"), blank=True, help_text=_("Voor webinars.")
    )
    organiser = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    province = models.ForeignKey(
        "core.Province",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Leeg voor landelijke en online bijeenkomsten."),
    )
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name=_("thema's"), blank=True, related_name="events"
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("beschrijving"))
    audience = models.CharField(
        _("voor wie"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    registration_opens = models.DateTimeField(_("aanmelden kan vanaf"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg: tot het begin.")
    )
    registration_enabled = models.BooleanField(_("aanmelden via de website"), default=True)
    report = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("verslag"),
        help_text=_("Na afloop: tekst, foto's en documenten."),
    )

    LIST_FIELDS = (
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "intro",
        "search_description",
        "event_type",
        "start",
        "end",
        "venue_name",
        "online_url",
        "audience",
        "province__name",
        "organiser__name",
        "last_published_at",
        "latest_revision_created_at",
    )
    content_panels = BasePage.content_panels + [
        FieldPanel("event_type"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("online_url"),
                FieldPanel("province"),
            ],
            heading=_("Waar"),
        ),
        FieldPanel("organiser"),
        FieldPanel("themes"),
        FieldPanel("body"),
    ]
    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldPanel("audience"),
        FieldPanel("capacity"),
        FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
    ]
    programme_panels = [InlinePanel("sessions", label=_("Sessies"))]
    report_panels = [FieldPanel("report")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Bijeenkomst")),
            ObjectList(registration_panels, heading=_("Aanmelden")),
            ObjectList(programme_panels, heading=_("Programma")),
            ObjectList(report_panels, heading=_("Verslag")),
            ObjectList(BasePage.promote_panels, heading=_("Vindbaarheid")),
            ObjectList(BasePage.settings_panels, heading=_("Instellingen")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("start"),
        index.FilterField("event_type"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        # /bijeenkomsten/ is `end >= now ORDER BY start, pk` (upcoming) or `end < now ORDER BY
        # start DESC, pk DESC` (geweest): the start index read forwards or backwards, stopping
        # after one page. The end index finds the few upcoming events among many past ones
        # (home page, calendar feed, the office's overview).
        indexes = [
            models.Index(fields=["end"], name="events_event_end_idx"),
            models.Index(fields=["start", "page_ptr"], name="events_event_start_idx"),
        ]
        # The database keeps what `clean()` tells the editor (capacity >= 0 it keeps already:
        # a PositiveIntegerField has its own check).
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="events_event_ends_after_it_starts",
                violation_error_message=_("Het einde ligt voor het begin."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gte=F("registration_opens")),
                name="events_registration_closes_after_it_opens",
                violation_error_message=_("Aanmelden sluit voordat het opengaat."),
            ),
        ]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Het einde ligt voor het begin.")})
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes < self.registration_opens
        ):
            raise ValidationError(
                {"registration_closes": _("Aanmelden sluit voordat het opengaat.")}
            )

    @property
    def display_when(self):
        return when(self.start, self.end)

    @property
    def display_where(self):
        if self.venue_name:
            return self.venue_name
        if self.online_url:
            return _("Online")
        return ""

    @property
    def card_meta(self):
        parts = [self.get_event_type_display(), self.display_when, self.display_where]
        return " · ".join(str(part) for part in parts if part)

    @property
    def card_audience(self):
        """Where the event is for and who may come: the last line of its card."""
        where = self.province.name if self.province_id else _("Landelijk")
        if self.members_only:
            members_only = _("Alleen voor leden")  # makemessages does not look into f-strings
            return f"{where} · {members_only}"
        return str(where)

    @property
    def agenda_url(self):
        from django.urls import reverse

        return reverse("events:agenda", args=[self.slug])

    @property
    def register_url(self):
        """Kept per process and content generation (a publish or move renews it): `self.url`
        without a request reads Wagtail's site root paths from the shared cache each time."""
        return fragments.memo(
            None,
            "event-register-url",
            (self.pk,),
            lambda: self.url + self.reverse_subpage("register"),
        )

    @property
    def members_only(self):
        return self.audience == Audience.MEMBERS

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def cache_scope(self):
        """Free places change with every registration, not with a publish: the page cache
        keeps this page until the next registration for this event (route2020.core.cache)."""
        return event_cache_scope(self.pk)

    def serve(self, request, *args, **kwargs):
        self._registrations_version = scope_page(request, self.cache_scope)
        return super().serve(request, *args, **kwargs)

    def registrations_version(self):
        """A counter that every registration for this event moves (its page-cache scope),
        read once while the page is served: what is kept per version shows the free places
        of that moment."""
        version = getattr(self, "_registrations_version", None)
        if version is None:
            version = self._registrations_version = scope_generation(self.cache_scope)
        return version

    @property
    def closes_at(self):
        return self.registration_closes or self.start

    def registration_state(self, now=None):
        """'open', 'not-yet', 'closed' or 'off' — what the registration block shows."""
        now = now or timezone.now()
        if not self.registration_enabled:
            return "off"
        if self.registration_opens and now < self.registration_opens:
            return "not-yet"
        if now >= self.closes_at:
            return "closed"
        return "open"

    @cached_property
    def confirmed_count(self):
        if self.pk is None:
            return 0
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def get_sessions(self):
        """Sessions with their confirmed registrations counted in one query."""
        sessions = self.sessions.all()
        if not isinstance(sessions, models.QuerySet):
            # A preview in /beheer/: the programme lives in memory, nobody registered for it.
            return sorted(sessions, key=lambda session: (session.start, session.sort_order or 0))
        return self._with_counts_and_practices(sessions)

    @staticmethod
    def _with_counts_and_practices(sessions):
        from wagtail.models import Page

        return (
            sessions.annotate(
                confirmed=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
                )
            )
            .prefetch_related(
                # Like the report's presented_practices: no practice behind a view restriction.
                Prefetch("practices", queryset=public(Page.objects.live()).order_by("title"))
            )
            .order_by("start", "sort_order")
        )

    def presented_practices(self):
        from wagtail.models import Page

        if self.pk is None:
            return Page.objects.none()
        return (
            public(Page.objects.live())
            .filter(presented_in_sessions__event=self)
            .distinct()
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.registration_context(request, form=kwargs.get("form")))
        return context

    def programme(self, request):
        """The sessions with their free places and presented practices, and the event's own
        free places: the same for everyone, so computed once per process for each content
        generation and each registration change (`registrations_version`), not per request."""
        from route2020.core import fragments

        if self.pk is None or getattr(request, "is_preview", False):
            return Programme(self, list(self.get_sessions()))
        return fragments.memo(
            request,
            "event-programme-data",
            [self, self.registrations_version()],
            lambda: Programme(
                self,
                # Not through `self.sessions`: the sessions kept must not hold this page.
                list(self._with_counts_and_practices(Session.objects.filter(event_id=self.pk))),
            ),
        )

    def own_registration(self, request, user):
        """The person's active registration for this event, or None. Kept per process for
        each person, content generation and `registrations_version`: every change to a
        registration of this event moves that version (the signals in events/apps.py, and
        the bulk updates in services.py call `invalidate_scope` themselves), so what a member
        sees of their own registration is never older than their last change."""
        from route2020.core import fragments

        def read():
            return self.registrations.active().filter(user_id=user.pk).first()

        if getattr(request, "is_preview", False):
            return read()
        return fragments.memo(
            request, "event-own-registration", [self, self.registrations_version(), user.pk], read
        )

    def registration_context(self, request, form=None):
        """What the page shows around registering. Only who the person is (registered
        already? may they?) is asked per request; the programme and free places come from
        `programme()`, and the blank form is built only when its fragment is not kept."""
        from ..forms import RegistrationForm

        # Lazy: while their fragments are kept, neither the programme nor the form is needed.
        programme = SimpleLazyObject(lambda: self.programme(request))
        user = request.user
        existing = None
        if user.is_authenticated and self.pk is not None:
            existing = self.own_registration(request, user)
        allowed = may_register(user, self)
        posted = form is not None
        if not posted and allowed and existing is None and not self.is_past:
            form = SimpleLazyObject(
                lambda: RegistrationForm(event=self, sessions=programme.sessions, user=user)
            )
        return {
            "programme": programme,
            "sessions": SimpleLazyObject(lambda: programme.sessions),
            "registration_form": form,
            "registration_posted": posted,
            "registration_state": self.registration_state(),
            "existing_registration": existing,
            "may_register": allowed,
        }

    @path("aanmelden/", name="register")
    def register_route(self, request):
        """POST of the registration form on the event page; errors show on that page again.

        The page's own route (a Wagtail page is its own view), so Wagtail has checked the
        page's view restrictions before this runs. The write is `services.registration_create`.
        """
        from route2020.core.ratelimit import exceeded, too_many_requests

        from .. import services
        from ..forms import RegistrationForm

        if request.method != "POST":
            return redirect(self.url)
        if exceeded(request, "event-registration"):
            return too_many_requests(request)
        user = request.user if request.user.is_authenticated else None
        sessions = list(self.get_sessions())
        form = RegistrationForm(request.POST, event=self, sessions=sessions, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    event=self,
                    user=user,
                    name=data.get("name", ""),
                    email=data.get("email", ""),
                    organisation_name=data.get("organisation_name", ""),
                    sessions=data.get("sessions", []),
                )
            except services.AlreadyRegistered as error:
                if user is None:
                    # A visitor learns nothing about whether the address was registered: the
                    # same answer as a new registration; the address gets its personal link.
                    services.registration_remind(registration=error.registration)
                    _say_mail_sent(request)
                    return redirect(self.url)
                messages.info(request, error.message)
                if error.registration is not None:
                    return redirect(error.registration.get_personal_url())
                return redirect(self.url)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(_after_registration(request, registration))
        context = self.registration_context(request, form=form)
        response = self.render(request, context_overrides=context)
        response.status_code = 400
        return response


def _say_mail_sent(request):
    messages.success(
        request,
        _(
            "Bijna klaar: we hebben je een mail gestuurd. Klik op de link daarin om je "
            "aanmelding te bevestigen."
        ),
    )


def _after_registration(request, registration):
    Status = Registration.Status
    if registration.status == Status.PENDING:
        _say_mail_sent(request)
        return registration.event.url
    if registration.status == Status.WAITLISTED:
        messages.info(request, _("De bijeenkomst is vol. Je staat op de wachtlijst."))
    else:
        messages.success(request, _("Je bent aangemeld. Je krijgt een bevestiging per mail."))
    return registration.get_personal_url()
