from django.db import models
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.models import BasePage
from route2020.core.pages import public


class ThemeIndexPage(BasePage):
    """/themas/: the five themes, the agenda's progress at a glance and its timeline."""

    menu_label = _("Thema's")

    content_panels = BasePage.content_panels + [
        InlinePanel(
            "timeline",
            label=_("moment"),
            heading=_("Tijdlijn van het programma"),
            help_text=_("Besluiten en mijlpalen van Route 2020; de website zet ze op datum."),
        )
    ]
    subpage_types = ["themes.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = _("themaoverzicht")

    def get_themes(self):
        return public(ThemePage.objects.child_of(self).live()).order_by("number", "path")

    def get_timeline(self):
        return self.timeline.select_related("link").order_by("date", "sort_order")

    def get_context(self, request, *args, **kwargs):
        from .sections import theme_index_sections

        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the page's cached fragment is made.
        themes = SimpleLazyObject(lambda: list(self.get_themes()))
        context["themes"] = themes
        context["sections"] = theme_index_sections(self, themes)
        context["timeline"] = SimpleLazyObject(lambda: list(self.get_timeline()))
        context["today"] = timezone.localdate().isoformat()
        return context


class TimelineEntry(Orderable):
    """A moment of the programme: "februari 2015: het bestuur geeft opdracht"."""

    class Precision(models.TextChoices):
        DAY = "dag", _("dag")
        MONTH = "maand", _("maand")
        YEAR = "jaar", _("jaar")

    page = ParentalKey(ThemeIndexPage, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField(_("datum"))
    date_precision = models.CharField(
        _("nauwkeurigheid van de datum"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.MONTH,
        help_text=_("Is alleen de maand of het jaar bekend? Dan toont de site alleen die."),
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("toelichting"), blank=True, max_length=600)
    link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("meer hierover"),
        help_text=_("Bijvoorbeeld het besluit of het nieuwsbericht."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("link"),
    ]

    PUBLIC_FIELDS = ("date", "date_precision", "title", "text", "link")

    class Meta(Orderable.Meta):
        verbose_name = _("moment op de tijdlijn")
        verbose_name_plural = _("tijdlijn")

    @property
    def display_date(self):
        """'20 november 2017', 'november 2017' or '2017', in the active language."""
        if self.date_precision == self.Precision.YEAR:
            return str(self.date.year)
        if self.date_precision == self.Precision.MONTH:
            return formats.date_format(self.date, "F Y")
        return formats.date_format(self.date, "j F Y")

    @property
    def machine_date(self):
        """The <time datetime> value to the same precision: 2017-11-20, 2017-11 or 2017."""
        if self.date_precision == self.Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.date_precision == self.Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def link_url(self):
        return self.link.url if self.link_id and self.link.live else ""


class ThemePage(BasePage):
    """One of the five themes chosen by the 2015 member survey."""

    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    short_title = models.CharField(
        _("korte titel"), max_length=80, blank=True, help_text=_("Voor filters en labels.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = BasePage.content_panels + [
        FieldPanel("number"),
        FieldPanel("short_title"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = ["agenda.ActionPlanPage"]

    PUBLIC_FIELDS = ("title", "slug", "number", "short_title", "intro", "body")

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        # The index lists themes by number.
        indexes = [models.Index(fields=["number"], name="theme_number_idx")]

    @property
    def label(self):
        return self.short_title or self.title

    def get_context(self, request, *args, **kwargs):
        from .sections import lazy_holdings, theme_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = theme_sections(self)
        context["holdings"] = lazy_holdings(self)
        context["today"] = timezone.localdate().isoformat()
        return context
