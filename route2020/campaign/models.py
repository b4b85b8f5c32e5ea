"""The joint campaign "de Bibliotheek maakt je rijker": the campaign page at /campagne/, its
periods (Glansrijk, Fantasierijk, Initiatiefrijk) as pages below it, each with its materials,
and the libraries that sign up to take part in a period. See docs/campaign.md.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.cache import scope_page
from route2020.core.charts import display
from route2020.core.models import BasePage

SIGNUPS_PER_PAGE = 25
# The cache scope of the pages that show who takes part (apps.py renews it on a sign-up).
CACHE_SCOPE = "campaign:signups"
ALREADY_SIGNED_UP = _("Jouw bibliotheek doet al mee aan deze campagneperiode.")


class CampaignPage(RoutablePageMixin, BasePage):
    """The campaign: its text, agency, teams, periods and the map of libraries taking part."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    agency = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("bureau"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Het bureau dat de campagne maakt, bijvoorbeeld Trendsactive."),
    )
    agency_assignment = models.TextField(_("opdracht van het bureau"), blank=True, max_length=1000)
    # As on a standard page (core.ContentPage): the English menu (under /en/) shows this name.
    english_title = models.CharField(
        _("titel in het Engels"),
        max_length=255,
        blank=True,
        help_text=_("Voor het menu van de Engelse website. Leeg: de Nederlandse titel."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("agency")]),
        FieldPanel("agency_assignment"),
        InlinePanel("teams", label=_("team"), heading=_("Teams")),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("english_title")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["campaign.CampaignPeriodPage"]
    max_count = 1

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def get_periods(self):
        return (
            CampaignPeriodPage.objects.live()
            .child_of(self)
            .order_by("starts_on", "path")
            .prefetch_related("materials__document")
        )

    def get_teams(self):
        return self.teams.select_related("group")

    def get_signups(self):
        """The sign-ups for the live periods of this campaign, in the order of their list."""
        return (
            CampaignSignup.objects.filter(
                period__in=CampaignPeriodPage.objects.live().child_of(self)
            )
            .select_related("organisation", "period")
            .order_by("organisation__name", "period__starts_on", "pk")
        )

    @path("")
    def campaign(self, request):
        from .views import campaign

        # Who takes part changes with a sign-up (the campaign's cache scope), not with a
        # publish: the fragments that show it vary on the scope's counter, read once here.
        return campaign(request, self, scope_page(request, CACHE_SCOPE))

    @path("aanmelden/", name="signup")
    def signup_route(self, request):
        from .views import signup

        return signup(request, self)


class CampaignTeam(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="teams")
    group = models.ForeignKey(
        "groups.GroupPage", verbose_name=_("groep"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("group")]

    class Meta(Orderable.Meta):
        verbose_name = _("team")
        verbose_name_plural = _("teams")


class CampaignPeriodPage(BasePage):
    """One period with its own sub-theme, e.g. Glansrijk from 1 May 2017 for exam candidates."""

    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    target_group = models.CharField(_("doelgroep"), max_length=200)
    message = models.TextField(_("boodschap"), max_length=2000)
    media_budget = models.DecimalField(
        _("mediabudget (€)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, message=_("Een bedrag kan niet negatief zijn."))],
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("toelichting"))

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Periode")),
        FieldPanel("target_group"),
        FieldPanel("message"),
        FieldPanel("media_budget"),
        FieldPanel("body"),
        InlinePanel("materials", label=_("materiaal"), heading=_("Materialen")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("target_group"),
        index.SearchField("message"),
        index.SearchField("body"),
    ]
    parent_page_types = ["campaign.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campagneperiode")
        verbose_name_plural = _("campagneperiodes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="campaign_period_ends_after_it_starts",
                violation_error_message=_("De periode kan niet eindigen voordat ze begint."),
            ),
            models.CheckConstraint(
                condition=Q(media_budget__gte=0), name="campaign_period_budget_not_negative"
            ),
        ]

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De periode kan niet eindigen voordat ze begint.")})

    @property
    def media_budget_display(self):
        return display(self.media_budget or 0, "€")

    def get_signups(self):
        return self.signups.select_related("organisation").order_by("organisation__name")

    def get_materials(self):
        return self.materials.select_related("document")

    def serve(self, request, *args, **kwargs):
        scope_page(request, CACHE_SCOPE)
        return super().serve(request, *args, **kwargs)


class CampaignMaterial(Orderable):
    """A downloadable material of a period (poster, banner, social media kit)."""

    period = ParentalKey(CampaignPeriodPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bestand"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")


class CampaignSignup(models.Model):
    """A library taking part in a period, and what it does locally."""

    period = models.ForeignKey(
        CampaignPeriodPage,
        verbose_name=_("campagneperiode"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("bibliotheek"),
        on_delete=models.CASCADE,
        related_name="campaign_signups",
    )
    activity = models.TextField(
        _("wat doe je lokaal?"),
        max_length=2000,
        help_text=_(
            "Bijvoorbeeld: posters in de vestigingen, een avond voor eindexamenkandidaten."
        ),
    )
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_signups",
    )
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanmelding campagne")
        verbose_name_plural = _("aanmeldingen campagne")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation"],
                name="campaign_signup_once_per_period",
                violation_error_message=ALREADY_SIGNED_UP,
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.period}"
