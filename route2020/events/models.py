"""Events (bijeenkomsten): gatherings with a programme of sessions, registrations and a waitlist.

Registrations are written only through `services.py`, which keeps capacity under a row lock.
"""

import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.signing import BadSignature, Signer
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
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
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.cache import scope_page
from route2020.core.models import BasePage
from route2020.core.pages import public

EVENTS_PER_PAGE = 12
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Practices live in another app that may not be installed yet: sessions point at pages and the
# chooser only offers pages of this type.
PRACTICE_PAGE = Q(content_type__app_label="practices", content_type__model="practicepage")
# A visitor who does not click the link in their confirmation mail within this time has to
# register again; `send_event_reminders` (hourly) then removes their name and address.
CONFIRMATION_EXPIRES_HOURS = 48
CONFIRMATION_EXPIRES_AFTER = timedelta(hours=CONFIRMATION_EXPIRES_HOURS)


def unconfirmed_too_long(now=None, prefix=""):
    """The one definition of "expired but not yet marked so": a visitor's registration still
    unconfirmed CONFIRMATION_EXPIRES_AFTER after it was made. `prefix` is the path to the
    registration ("registrations__" from an event)."""
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status": Registration.Status.PENDING,
            f"{prefix}created_at__lte": now - CONFIRMATION_EXPIRES_AFTER,
        }
    )


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


class EventIndexPage(BasePage):
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
        context.update(
            filter_form=form,
            past=past,
            events_page=SimpleLazyObject(lambda: self.get_events_page(parameters, form, past)),
            listing_key=parameters.urlencode(),
            query_string=query.urlencode(),
            other_query_string=other.urlencode(),
        )
        return context

    def get_filter_form(self, parameters):
        from .forms import EventFilterForm

        return EventFilterForm(parameters or None)

    def get_events_page(self, parameters, form, past):
        events = form.filter(self.get_events())
        now = timezone.now()
        if past:
            events = events.filter(end__lt=now).order_by("-start", "-pk")
        else:
            events = events.filter(end__gte=now).order_by("start", "pk")
        return Paginator(events, EVENTS_PER_PAGE).get_page(parameters.get("pagina"))


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
    def agenda_url(self):
        from django.urls import reverse

        return reverse("events:agenda", args=[self.slug])

    @property
    def register_url(self):
        return self.url + self.reverse_subpage("register")

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
        scope_page(request, self.cache_scope)
        return super().serve(request, *args, **kwargs)

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

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def get_sessions(self):
        """Sessions with their confirmed registrations counted in one query."""
        from wagtail.models import Page

        sessions = self.sessions.all()
        if not isinstance(sessions, models.QuerySet):
            # A preview in /beheer/: the programme lives in memory, nobody registered for it.
            return sorted(sessions, key=lambda session: (session.start, session.sort_order or 0))
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

    def registration_context(self, request, form=None):
        from .forms import RegistrationForm

        # Lazy: after the event the programme comes from the template's fragment cache.
        sessions = SimpleLazyObject(lambda: list(self.get_sessions()))
        user = request.user
        existing = None
        if user.is_authenticated and self.pk is not None:
            existing = self.registrations.active().filter(user=user).first()
        may_register = not self.members_only or (
            user.is_authenticated and (user.is_member or user.is_editor)
        )
        if form is None and may_register and existing is None and not self.is_past:
            form = RegistrationForm(event=self, sessions=sessions, user=user)
        return {
            "sessions": sessions,
            "registration_form": form,
            "registration_state": self.registration_state(),
            "existing_registration": existing,
            "may_register": may_register,
        }

    @path("aanmelden/", name="register")
    def register_route(self, request):
        from .views import register

        return register(request, self)


class PracticesField(ParentalManyToManyField):
    """Chosen through a search box, not a list of every practice: there may be 100,000."""

    def formfield(self, **kwargs):
        from .practice_chooser import PracticeChoiceField, PracticeChooser

        return super().formfield(
            **{"form_class": PracticeChoiceField, "widget": PracticeChooser, **kwargs}
        )


class Session(Orderable, ClusterableModel):
    """A part of the programme, e.g. a parel or a deel-je-rijk-sessie, with its own capacity."""

    class Kind(models.TextChoices):
        PLENARY = "plenair", _("Plenair")
        SHOWCASE = "parel", _("Parel")
        SHARING = "deel-je-rijk", _("Deel-je-rijk-sessie")
        WORKSHOP = "workshop", _("Workshop")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    start = models.DateTimeField(_("begint op"))
    end = models.DateTimeField(_("eindigt op"))
    room = models.CharField(_("zaal"), max_length=100, blank=True)
    presenters = models.CharField(_("door"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), blank=True, max_length=2000)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    practices = PracticesField(
        "wagtailcore.Page",
        verbose_name=_("gepresenteerde praktijkvoorbeelden"),
        blank=True,
        related_name="presented_in_sessions",
        limit_choices_to=PRACTICE_PAGE,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("capacity")]),
        FieldPanel("presenters"),
        FieldPanel("description"),
        FieldPanel("practices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Het einde ligt niet na het begin.")})

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end

    @property
    def display_time(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{start:%H:%M}–{end:%H:%M}"

    @property
    def places_left(self):
        """Needs the `confirmed` annotation of EventPage.get_sessions()."""
        if self.capacity is None:
            return None
        return max(self.capacity - getattr(self, "confirmed", 0), 0)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def not_expired(self, now=None):
        """What the office lists and counts: not the expired registrations, whose personal data
        the hourly job removed, nor those it has yet to reach."""
        return self.exclude(status=Registration.Status.EXPIRED).exclude(unconfirmed_too_long(now))

    def unconfirmed_too_long(self, now=None):
        """Visitors who did not confirm their address in time: no longer registered."""
        return self.filter(unconfirmed_too_long(now))


def new_token():
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    """One person at one event. A visitor's registration waits for their email confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending_email_confirmation", _("Wacht op bevestiging e-mailadres")
        CONFIRMED = "confirmed", _("Aangemeld")
        WAITLISTED = "waitlisted", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")
        EXPIRED = "expired", _("Verlopen (niet bevestigd)")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    # A registration is personal data: it goes when the person deletes their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.CONFIRMED
    )
    sessions = models.ManyToManyField(
        Session, verbose_name=_("sessies"), blank=True, related_name="registrations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    followup_sent_at = models.DateTimeField(_("vervolgmail verstuurd op"), null=True, blank=True)
    # The mails go out in the language the person registered in.
    language = models.CharField(
        _("taal"), max_length=10, choices=settings.LANGUAGES, default="nl", editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(
                    status__in=[
                        "pending_email_confirmation",
                        "confirmed",
                        "waitlisted",
                    ]
                ),
                name="events_one_active_registration_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(
                    status__in=[
                        "pending_email_confirmation",
                        "confirmed",
                        "waitlisted",
                    ]
                ),
                name="events_one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def is_expired(self):
        """Expired, or pending past the deadline and not yet cleaned up by the hourly job."""
        if self.status == self.Status.EXPIRED:
            return True
        return (
            self.status == self.Status.PENDING
            and self.created_at <= timezone.now() - CONFIRMATION_EXPIRES_AFTER
        )

    def signed_token(self):
        return Signer(salt="events.registration").sign(self.token)

    @classmethod
    def from_signed_token(cls, value):
        """The registration of a personal link, or None for a forged or unknown link."""
        try:
            token = Signer(salt="events.registration").unsign(value)
        except BadSignature:
            return None
        return cls.objects.select_related("event").filter(token=token).first()

    def get_personal_url(self):
        from django.urls import reverse

        return reverse("events:registration", args=[self.signed_token()])
