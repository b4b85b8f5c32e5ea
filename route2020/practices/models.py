"""Practices (praktijkvoorbeelden), pilots (proeftuinen), adoptions and their moderation.

A practice is a Wagtail page, so drafts, revisions and "the published version stays visible
while an edit is reviewed" come from Wagtail. What the listing filters, sorts and counts on is
copied onto the practice row (province, adoption count, "has failures"), with indexes, so the
listing costs the same at 100,000 practices as at 100.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from route2020.core.models import BasePage

MAX_THEMES = 5
RESERVED_SLUGS = {"nieuw", "beoordelen", "verspreiding", "inzending", "bewerken", "overnemen"}


class Kind(models.TextChoices):
    PRACTICE = "praktijkvoorbeeld", _("Praktijkvoorbeeld")
    PILOT = "proeftuin", _("Proeftuin")


class Status(models.TextChoices):
    IDEA = "idee", _("Idee")
    RUNNING = "lopend", _("Lopend")
    FINISHED = "afgerond", _("Afgerond")
    STOPPED = "gestopt", _("Gestopt")


class Phase(models.TextChoices):
    PREPARATION = "voorbereiding", _("Voorbereiding")
    EXECUTION = "uitvoering", _("Uitvoering")
    EVALUATION = "evaluatie", _("Evaluatie")


class PartnerType(models.TextChoices):
    EDUCATION = "onderwijs", _("Onderwijs")
    BUSINESS = "ondernemers", _("Ondernemers")
    SOCIAL = "maatschappelijk", _("Maatschappelijke partners")
    MUNICIPALITY = "gemeente", _("Gemeente")
    OTHER = "anders", _("Anders")


class EvidenceLevel(models.TextChoices):
    DESCRIBED = "beschreven", _("Beschreven")
    SUBSTANTIATED = "onderbouwd", _("Onderbouwd")
    MEASURED = "effect-gemeten", _("Effect gemeten")


class PracticeIndexPage(BasePage):
    """/praktijkvoorbeelden/: search, facets, sorting; the work is in `listing.py`."""

    menu_label = _("Praktijkvoorbeelden")

    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht praktijkvoorbeelden")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class PracticeQuerySet(PageQuerySet):
    """The listing's reads, e.g. `PracticePage.objects.live().matching(kind=...).in_order(sort)`.

    Themes and partners filter as EXISTS, not IN (subquery): the database then walks the
    practices in the listing's order and probes each one, stopping after a page, instead of
    reading every practice of the theme (30,000 of 100,000) and sorting them.
    """

    ORDERINGS = {
        "nieuwste": ("-sort_date", "-pk"),
        "meest-overgenomen": ("-adoption_count", "-sort_date", "-pk"),
    }

    def with_theme(self, theme_id):
        through = PracticePage.themes.through
        return self.filter(
            Exists(through.objects.filter(practicepage_id=OuterRef("pk"), themepage_id=theme_id))
        )

    def with_partner_type(self, partner_type):
        return self.filter(
            Exists(
                PracticePartner.objects.filter(
                    practice_id=OuterRef("pk"), partner_type=partner_type
                )
            )
        )

    def matching(
        self,
        *,
        theme_id=None,
        province_id=None,
        kind="",
        status="",
        partner_type="",
        evidence_level="",
        failures=False,
        adopted=False,
        parel=False,
    ):
        """The listing's filters; an empty value leaves its filter out."""
        queryset = self
        if theme_id:
            queryset = queryset.with_theme(theme_id)
        if province_id:
            queryset = queryset.filter(province_id=province_id)
        if kind:
            queryset = queryset.filter(kind=kind)
        if status:
            queryset = queryset.filter(status=status)
        if partner_type:
            queryset = queryset.with_partner_type(partner_type)
        if evidence_level:
            queryset = queryset.filter(evidence_level=evidence_level)
        if failures:
            queryset = queryset.filter(has_failures=True)
        if adopted:
            queryset = queryset.filter(adoption_count__gt=0)
        if parel:
            queryset = queryset.filter(is_parel=True)
        return queryset

    def in_order(self, sort):
        """ "nieuwste" or "meest-overgenomen" (relevance is the search's order)."""
        return self.order_by(*self.ORDERINGS[sort])


class PracticePage(BasePage):
    """What a library did and how: steps, partners, means, results, what did not work."""

    objects = PageManager.from_queryset(PracticeQuerySet)()

    summary = models.TextField(_("samenvatting"), max_length=600)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="practices",
    )
    participants = ParentalManyToManyField(
        "core.Organisation",
        verbose_name=_("deelnemende organisaties"),
        blank=True,
        related_name="participating_practices",
    )
    # Copied from the organisation on save: the listing filters and counts on it.
    province = models.ForeignKey(
        "core.Province",
        verbose_name=_("provincie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        editable=False,
    )
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name=_("thema's"), related_name="practices"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PRACTICE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    phase = models.CharField(
        _("fase (proeftuin)"), max_length=15, choices=Phase.choices, blank=True
    )
    is_parel = models.BooleanField(
        _("parel"), default=False, help_text=_("Alleen de redactie wijst parels aan.")
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    budget_euros = models.PositiveIntegerField(_("budget in euro"), null=True, blank=True)
    staff_hours = models.PositiveIntegerField(_("uren personeel"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("looptijd in maanden"), null=True, blank=True
    )
    results = models.TextField(_("resultaten en effecten"), blank=True, max_length=5000)
    what_worked = models.TextField(_("wat werkte"), blank=True, max_length=5000)
    what_did_not_work = models.TextField(_("wat werkte niet"), blank=True, max_length=5000)
    lessons = models.TextField(_("lessen"), blank=True, max_length=5000)
    evidence_level = models.CharField(
        _("bewijsniveau"),
        max_length=15,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.DESCRIBED,
    )
    evidence = models.TextField(
        _("onderbouwing"), blank=True, max_length=3000, help_text=_("Cijfers, evaluatierapport.")
    )
    evaluation_report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("evaluatierapport"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evaluation = models.TextField(_("evaluatie (proeftuin)"), blank=True, max_length=5000)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    # Denormalised for the listing; kept up to date by save() and services.
    has_failures = models.BooleanField(default=False, editable=False)
    adoption_count = models.PositiveIntegerField(default=0, editable=False)
    sort_date = models.DateTimeField(default=timezone.now, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("participants"),
                FieldPanel("themes"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("phase")]),
                FieldPanel("is_parel", permission="practices.designate_parel"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Kenmerken"),
        ),
        InlinePanel("partners", label=_("partners")),
        InlinePanel("steps", label=_("aanpak in stappen")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("budget_euros"),
                        FieldPanel("staff_hours"),
                        FieldPanel("duration_months"),
                    ]
                )
            ],
            heading=_("Middelen"),
        ),
        FieldPanel("results"),
        FieldPanel("what_worked"),
        FieldPanel("what_did_not_work"),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldPanel("evidence"),
                FieldPanel("evaluation_report"),
            ],
            heading=_("Bewijs"),
        ),
        FieldPanel("evaluation"),
        InlinePanel("images", label=_("afbeeldingen")),
        InlinePanel("documents", label=_("documenten")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("results"),
        index.SearchField("what_worked"),
        index.SearchField("what_did_not_work"),
        index.SearchField("lessons"),
        index.FilterField("province_id"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("has_failures"),
        index.FilterField("adoption_count"),
        index.FilterField("sort_date"),
        index.FilterField("is_parel"),
    ]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    # The columns a card in the listing needs, nothing more.
    CARD_FIELDS = (
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "summary",
        "kind",
        "status",
        "phase",
        "is_parel",
        "province_id",
        "organisation_id",
        "adoption_count",
        "has_failures",
        "sort_date",
        "locale_id",
    )

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")
        permissions = [("designate_parel", _("Kan parels aanwijzen"))]
        indexes = [
            models.Index(fields=["-sort_date"], name="practice_newest"),
            models.Index(fields=["-adoption_count", "-sort_date"], name="practice_adopted"),
            models.Index(fields=["province", "-sort_date"], name="practice_province"),
            models.Index(fields=["kind", "status"], name="practice_kind_status"),
            # A status filter walks the newest first and stops after a page.
            models.Index(fields=["status", "-sort_date"], name="practice_status_newest"),
            models.Index(fields=["has_failures"], name="practice_failures"),
            # The evidence level filter, like the status filter: newest first, one page.
            models.Index(fields=["evidence_level", "-sort_date"], name="practice_evidence_newest"),
        ]

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Deze slug is gereserveerd; kies een andere.")})
        if self.status == Status.STOPPED and not self.what_did_not_work.strip():
            raise ValidationError(
                {"what_did_not_work": _("Vertel wat niet werkte: het voorbeeld is gestopt.")}
            )

    def save(self, *args, **kwargs):
        self.has_failures = bool(self.what_did_not_work.strip())
        if self.organisation_id:
            organisation = self.organisation
            self.province_id = organisation.province_id
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision keeps the count it was saved with; the page as a whole has the live one
        (counted by `services.adoption_count_refresh`, after every adoption and publish)."""
        page = super().with_content_json(content)
        page.adoption_count = self.adoption_count
        return page

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def card_meta(self):
        return " · ".join(
            str(part)
            for part in (self.get_kind_display(), self.get_status_display(), self.organisation)
            if part
        )

    def get_context(self, request, *args, **kwargs):
        from .detail import detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(detail_context(self, request))
        return context


class PracticeStep(Orderable):
    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("stap"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True, max_length=3000)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("stap")


class PracticePartner(Orderable):
    """A named partner; its type is what the listing filters on ("partner" facet)."""

    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="partners")
    partner_type = models.CharField(_("soort partner"), max_length=20, choices=PartnerType.choices)
    name = models.CharField(_("naam"), max_length=200)

    panels = [FieldPanel("partner_type"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        indexes = [models.Index(fields=["partner_type", "practice"], name="partner_type_practice")]


class PracticeImage(Orderable):
    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat er op de afbeelding te zien is, voor wie hem niet ziet."),
    )
    caption = models.CharField(_("onderschrift"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class PracticeDocument(Orderable):
    practice = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]


class LogbookEntry(models.Model):
    """A dated update of a pilot, written by its owning organisation; no review needed."""

    practice = models.ForeignKey(
        PracticePage, on_delete=models.CASCADE, related_name="logbook", verbose_name=_("proeftuin")
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    text = models.TextField(_("wat er gebeurde"), max_length=3000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("logboekbericht")
        verbose_name_plural = _("logboek")

    def __str__(self):
        return f"{self.date:%d-%m-%Y}: {self.text[:60]}"


class Adoption(models.Model):
    """Library B says "wij hebben dit ook gedaan" about a practice of library A."""

    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("voorbeeld"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("organisatie"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_adoptions",
    )
    how_it_went = models.TextField(_("hoe ging het?"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("overname")
        verbose_name_plural = _("overnames")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="one_adoption_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.practice}"


class Submission(models.Model):
    """A member's submission in steps, saved at every step; becomes a page revision on submit.

    The draft lives here rather than in a page revision so that half-filled, still invalid
    steps are kept too ("nothing typed is lost").
    """

    class State(models.TextChoices):
        DRAFT = "concept", _("Concept")
        SUBMITTED = "ingediend", _("Ingediend")
        RETURNED = "teruggestuurd", _("Teruggestuurd")
        PUBLISHED = "gepubliceerd", _("Gepubliceerd")

    # The steps of the form, in order (their forms: `forms.STEPS`).
    STEPS = ("basis", "aanpak", "partners", "resultaten", "bijlagen")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="submissions"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="practice_submissions"
    )
    province = models.ForeignKey(
        "core.Province", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
    )
    data = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=15, choices=State.choices, default=State.DRAFT)
    feedback = models.TextField(_("feedback"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        indexes = [models.Index(fields=["state", "province"], name="submission_queue")]
        constraints = [
            # One open edit of a practice: two requests at once (a double click, two tabs)
            # cannot both start one (services.submission_start_edit).
            models.UniqueConstraint(
                fields=["practice"],
                condition=Q(state__in=["concept", "teruggestuurd"]),
                name="practices_one_open_edit_per_practice",
            )
        ]

    def __str__(self):
        return str(self.data.get("basis", {}).get("title") or _("Inzending zonder titel"))

    @property
    def title(self):
        return str(self)


class ModerationEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend")
        PUBLISHED = "gepubliceerd", _("Gepubliceerd")
        RETURNED = "teruggestuurd", _("Teruggestuurd met feedback")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=15, choices=Action.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("moderatiestap")
        verbose_name_plural = _("moderatiestappen")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%d-%m-%Y %H:%M})"
