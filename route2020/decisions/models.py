"""Decisions (besluiten) of the general assembly (ALV) and the board, at /besluiten/.

A decision names what it is about: themes, action plans and, for a budget decision, the year
whose budget it sets. The plans' budget lines of that year are then "the budget" of the
decision; nothing is copied, so the decision page always shows what the plans hold now.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.charts import display
from route2020.core.models import BasePage
from route2020.core.pages import public
from route2020.core.pagination import kept_page

DECISIONS_PER_PAGE = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Body(models.TextChoices):
    """Who decided."""

    ALV = "alv", _("Algemene ledenvergadering")
    BOARD = "bestuur", _("Bestuur")


class Precision(models.TextChoices):
    DAY = "dag", _("dag")
    MONTH = "maand", _("maand")
    YEAR = "jaar", _("jaar")


class DecisionIndexPage(BasePage):
    """/besluiten/: every decision, newest first, filtered by body, year and theme."""

    subpage_types = ["decisions.DecisionPage"]
    max_count = 1
    menu_label = _("Besluiten")

    # The query parameters the listing depends on; its fragment is cached per combination.
    LISTING_PARAMETERS = ("orgaan", "jaar", "thema", "pagina")

    class Meta:
        verbose_name = _("besluitenoverzicht")

    def get_decisions(self):
        return public(DecisionPage.objects.child_of(self).live()).order_by("-decided_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        from .forms import DecisionFilterForm

        context = super().get_context(request, *args, **kwargs)
        # Only the listing's own parameters: anything else in the address neither changes the
        # listing nor ends up in the links of a fragment others are served.
        parameters = QueryDict(mutable=True)
        for name in self.LISTING_PARAMETERS:
            if name in request.GET:
                parameters[name] = request.GET[name]
        query = parameters.copy()
        query.pop("pagina", None)
        # Lazy: when the template's fragment cache has the listing, nothing is asked.
        form = SimpleLazyObject(lambda: DecisionFilterForm(parameters or None, index=self))
        # The count is kept until the next publish, so the key holds the page shown, not how
        # `?pagina=` was written (route2020.core.pagination).
        number, decisions_page = kept_page(
            request,
            "decisions",
            [self, query.urlencode()],
            lambda: form.filter(self.get_decisions().defer_streamfields()),
            DECISIONS_PER_PAGE,
            parameters.get("pagina"),
        )
        context.update(
            filter_form=form,
            decisions_page=decisions_page,
            listing_key=f"{query.urlencode()}#{number}",
            query_string=query.urlencode(),
        )
        return context


class DecisionPage(BasePage):
    """What the ALV or the board decided, when, with its documents and what it is about."""

    decided_by = models.CharField(_("genomen door"), max_length=10, choices=Body.choices)
    decided_on = models.DateField(_("datum van het besluit"))
    date_precision = models.CharField(
        _("nauwkeurigheid van de datum"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_(
            "Is van een oud besluit alleen de maand of het jaar bekend? Dan toont de site "
            "alleen die."
        ),
    )
    decision = RichTextField(
        _("besluit"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        help_text=_("De tekst van het besluit zelf, zoals die in de notulen staat."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("toelichting"))
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name=_("thema's"), blank=True, related_name="decisions"
    )
    plans = ParentalManyToManyField(
        "agenda.ActionPlanPage",
        verbose_name=_("actieplannen"),
        blank=True,
        related_name="decisions",
    )
    budget_year = models.PositiveSmallIntegerField(
        _("begrotingsjaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_(
            "Stelt dit besluit een budget vast? Het jaar; de website toont dan het budget "
            "van de gekozen actieplannen in dat jaar."
        ),
    )
    budget_amount = models.DecimalField(
        _("vastgesteld budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Een bedrag kan niet negatief zijn."))],
        help_text=_("Het bedrag voor Route 2020 in dat jaar, zoals besloten."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel(
            [FieldPanel("decided_by"), FieldPanel("decided_on"), FieldPanel("date_precision")]
        ),
        FieldPanel("decision"),
        FieldPanel("body"),
        InlinePanel("documents", label=_("document"), heading=_("Documenten")),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("plans", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("budget_year"), FieldPanel("budget_amount")]),
            ],
            heading=_("Waar het besluit over gaat"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("decision", boost=2),
        index.SearchField("body"),
        index.FilterField("decided_by"),
        index.FilterField("decided_on"),
    ]
    parent_page_types = ["decisions.DecisionIndexPage"]
    subpage_types = []

    PUBLIC_FIELDS = (
        "title",
        "slug",
        "intro",
        "decided_by",
        "decided_on",
        "date_precision",
        "decision",
        "body",
        "themes",
        "plans",
        "budget_year",
        "budget_amount",
    )
    LIST_FIELDS = (
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "intro",
        "decided_by",
        "decided_on",
        "date_precision",
    )

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        # The index lists newest first: ORDER BY decided_on DESC, page_ptr DESC.
        indexes = [models.Index(fields=["decided_on", "page_ptr"], name="decision_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0),
                name="decision_budget_not_negative",
                violation_error_message=_("Een bedrag kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_year__isnull=False),
                name="decision_budget_has_a_year",
                violation_error_message=_("Bij een vastgesteld budget hoort een begrotingsjaar."),
            ),
        ]

    def clean(self):
        super().clean()
        if self.budget_amount is not None and self.budget_year is None:
            raise ValidationError(
                {"budget_year": _("Bij een vastgesteld budget hoort een begrotingsjaar.")}
            )

    @property
    def display_date(self):
        """'10 december 2015', 'juni 2015' or '2015', in the active language."""
        if self.date_precision == Precision.YEAR:
            return str(self.decided_on.year)
        if self.date_precision == Precision.MONTH:
            return formats.date_format(self.decided_on, "F Y")
        return formats.date_format(self.decided_on, "j F Y")

    @property
    def machine_date(self):
        """The <time datetime> value to the same precision: 2015-12-10, 2015-06 or 2015."""
        if self.date_precision == Precision.YEAR:
            return f"{self.decided_on.year:04d}"
        if self.date_precision == Precision.MONTH:
            return f"{self.decided_on.year:04d}-{self.decided_on.month:02d}"
        return self.decided_on.isoformat()

    @property
    def meta(self):
        """'Algemene ledenvergadering · 10 december 2015', for cards."""
        return f"{self.get_decided_by_display()} · {self.display_date}"

    @property
    def budget_amount_display(self):
        return display(self.budget_amount, "€") if self.budget_amount is not None else ""

    def get_context(self, request, *args, **kwargs):
        from .details import decision_details

        context = super().get_context(request, *args, **kwargs)
        context["details"] = SimpleLazyObject(lambda: decision_details(self))
        return context


class DecisionDocument(Orderable):
    decision = ParentalKey(DecisionPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("titel"), max_length=200, blank=True, help_text=_("Leeg: de titel van het document.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    PUBLIC_FIELDS = ("document", "title")

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    @property
    def label(self):
        return self.title or self.document.title
