"""Groups (klankbordgroep, campagneteam, marketingteam): members, meetings, documents, and
the advice register (a group's advice on a draft action plan, with the board's response).

Documents marked for members only are moved into the collection guarded by the files app's
rule `MEMBERS_ONLY` (files/access.py, wagtail_hooks.py): a visitor gets no file, not even by
its URL. See docs/campaign.md.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.models import BasePage


class GroupPage(BasePage):
    """A group such as the klankbordgroep: its members, meetings and documents."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = BasePage.content_panels + [
        InlinePanel("members", label=_("Leden"), heading=_("Leden")),
        FieldPanel("body"),
        InlinePanel(
            "meetings",
            label=_("bijeenkomst"),
            heading=_("Bijeenkomsten"),
            help_text=_("Kies de bijeenkomsten uit de agenda (Activiteiten)."),
        ),
        InlinePanel(
            "documents",
            label=_("document"),
            heading=_("Documenten"),
            help_text=_(
                "Een document 'alleen voor leden' wordt bij het opslaan afgeschermd: bezoekers "
                "die niet zijn ingelogd als lid krijgen het bestand niet."
            ),
        ),
        InlinePanel(
            "advice",
            label=_("advies"),
            heading=_("Adviezen"),
            help_text=_(
                "Het advies van de groep over een conceptplan, met de reactie van het bestuur."
            ),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("members", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")

    def get_members(self):
        return self.members.select_related("organisation")

    def get_meetings(self):
        return self.meetings.select_related("event").order_by("-event__start")

    def get_documents(self):
        return self.documents.select_related("document")

    def get_advice(self):
        return self.advice.select_related("plan").order_by("-given_on")


class GroupMember(Orderable):
    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("naam"), max_length=150)
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    group_role = models.CharField(
        _("rol in de groep"), max_length=80, blank=True, help_text=_("Bijvoorbeeld voorzitter.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("group_role"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("groepslid")
        verbose_name_plural = _("groepsleden")

    def __str__(self):
        return self.name


class GroupMeeting(Orderable):
    """A meeting of the group: an event from the events app."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="meetings")
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("event")]

    class Meta(Orderable.Meta):
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")


class GroupDocument(Orderable):
    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    members_only = models.BooleanField(
        _("alleen voor leden"),
        default=False,
        help_text=_("Alleen ingelogde leden van een aangesloten organisatie kunnen het openen."),
    )

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("members_only")])]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


RESPONSE_BEFORE_ADVICE = _("Het bestuur kan niet reageren voordat het advies er is.")


class WithGroupManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("page")

    def public(self):
        """The advice of live group pages anyone may see: the register on a plan's page
        never shows the advice of an unpublished or private group."""
        from route2020.core.pages import restricted_paths

        queryset = self.get_queryset().filter(page__live=True)
        for path in restricted_paths():
            queryset = queryset.exclude(page__path__startswith=path)
        return queryset


class Advice(Orderable):
    """The group's advice on a draft action plan, and the board's response beside it."""

    class Response(models.TextChoices):
        FOLLOWED = "opgevolgd", _("opgevolgd")
        PARTLY = "deels", _("deels opgevolgd")
        NOT_FOLLOWED = "niet", _("niet opgevolgd")

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="advice")
    # `plan.advice.all` on the plan's page names the group: one query, not one per advice.
    objects = WithGroupManager()
    plan = models.ForeignKey(
        "agenda.ActionPlanPage",
        verbose_name=_("actieplan"),
        on_delete=models.CASCADE,
        related_name="advice",
        help_text=_("Het (concept)plan waarover de groep adviseert."),
    )
    given_on = models.DateField(_("datum van het advies"))
    text = models.TextField(_("advies"), max_length=4000)
    response = models.CharField(
        _("reactie van het bestuur"),
        max_length=12,
        choices=Response.choices,
        blank=True,
        help_text=_("Leeg zolang het bestuur nog niet heeft gereageerd."),
    )
    responded_on = models.DateField(_("datum van de reactie"), null=True, blank=True)
    explanation = models.TextField(
        _("waarom"),
        max_length=4000,
        blank=True,
        help_text=_("Waarom het bestuur het advies (deels) wel of niet opvolgt."),
    )

    panels = [
        FieldRowPanel([FieldPanel("plan"), FieldPanel("given_on")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("response"), FieldPanel("responded_on")]),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        constraints = [
            models.CheckConstraint(
                condition=Q(response="") | Q(responded_on__isnull=False),
                name="advice_response_has_a_date",
                violation_error_message=_("Vul de datum van de reactie in."),
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(responded_on__gte=models.F("given_on")),
                name="advice_response_after_advice",
                violation_error_message=RESPONSE_BEFORE_ADVICE,
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.response and not self.responded_on:
            errors["responded_on"] = _("Vul de datum van de reactie in.")
        if self.response and not self.explanation.strip():
            errors["explanation"] = _("Leg uit waarom het bestuur het advies zo opvolgt.")
        if self.responded_on and self.given_on and self.responded_on < self.given_on:
            errors["responded_on"] = RESPONSE_BEFORE_ADVICE
        if self.responded_on and not self.response:
            errors["response"] = _("Kies hoe het bestuur het advies opvolgt.")
        if errors:
            raise ValidationError(errors)
