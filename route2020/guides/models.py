"""The regional guides' exploration: visits (verkenning) to libraries and the Reisadvies.

A guide logs visits to libraries in their provinces on the site itself (`views.py`); the
office edits and publishes a Reisadvies in /beheer/ as any page (revisions, search, sitemap)
and the site makes its PDF (`pdf.py`). A guide may write a draft Reisadvies on the site too;
it becomes a draft revision the office publishes.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from route2020.core.models import BasePage
from route2020.core.pages import public
from route2020.core.pagination import kept_page

ADVICES_PER_PAGE = 20
VISITS_PER_PAGE = 25


class Visit(models.Model):
    """A guide's visit to a library: what they found, and the practices they collected."""

    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regiogids"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="guide_visits",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("bibliotheek"),
        on_delete=models.CASCADE,
        related_name="guide_visits",
    )
    visited_on = models.DateField(_("datum van het bezoek"))
    findings = models.TextField(
        _("wat je aantrof"),
        max_length=5000,
        help_text=_("Hoe pakt de bibliotheek vernieuwing aan, wat werkt er en wat niet?"),
    )
    practices = models.ManyToManyField(
        "practices.PracticePage",
        verbose_name=_("opgehaalde praktijkvoorbeelden"),
        blank=True,
        related_name="guide_visits",
    )
    submissions = models.ManyToManyField(
        "practices.Submission",
        verbose_name=_("namens de bibliotheek ingestuurd"),
        blank=True,
        related_name="guide_visits",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("bezoek (verkenning)")
        verbose_name_plural = _("bezoeken (verkenning)")
        indexes = [models.Index(fields=["guide", "-visited_on"], name="visit_guide_date")]

    def __str__(self):
        return f"{self.organisation} ({formats.date_format(self.visited_on, 'j F Y')})"


class RecommendationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("kop"), max_length=200)
    text = blocks.TextBlock(label=_("aanbeveling"))
    practices = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="practices.PracticePage"),
        label=_("praktijkvoorbeelden waarop het advies steunt"),
        default=[],
    )
    pilots = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("voorgestelde proeftuinen"),
        default=[],
    )

    class Meta:
        icon = "tick"
        label = _("aanbeveling")


class ReisadviesIndexPage(BasePage):
    """/reisadvies/: every published Reisadvies, newest first."""

    menu_label = _("Reisadvies")
    subpage_types = ["guides.ReisadviesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht reisadviezen")

    def get_advices(self):
        return public(ReisadviesPage.objects.child_of(self).live()).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only a publish changes the number (and the generation): counted once per process
        # and generation. The page of the list is made only when the template's fragment is
        # rendered; the page number (the fragment's key) needs nothing but the count.
        context["page_number"], context["advices"] = kept_page(
            request,
            "reisadvies",
            [self],
            lambda: self.get_advices().defer_streamfields(),
            ADVICES_PER_PAGE,
            request.GET.get("pagina"),
        )
        return context


class ReisadviesPage(RoutablePageMixin, BasePage):
    """Advice on which pilots to start, from the guides' visits; also served as a PDF."""

    date = models.DateField(_("datum"))
    provinces = ParentalManyToManyField(
        "core.Province", verbose_name=_("provincies"), blank=True, related_name="reisadviezen"
    )
    visits = ParentalManyToManyField(
        Visit,
        verbose_name=_("bezoeken waarop het advies steunt"),
        blank=True,
        related_name="reisadviezen",
    )
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name=_("thema's"), blank=True, related_name="reisadviezen"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())],
        verbose_name=_("aanbevelingen"),
        blank=True,
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("provinces", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("visits"),
        FieldPanel("recommendations"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("recommendations")]
    parent_page_types = ["guides.ReisadviesIndexPage"]
    template = "guides/reisadvies_page.html"

    class Meta:
        verbose_name = _("reisadvies")
        verbose_name_plural = _("reisadviezen")

    @path("pdf/")
    def pdf(self, request):
        from django.http import HttpResponse

        from .pdf import reisadvies_pdf

        response = HttpResponse(reisadvies_pdf(self), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.pdf"'
        return response

    @property
    def pdf_url(self):
        return self.url + self.reverse_subpage("pdf")

    def raw_recommendations(self):
        """The recommendations as stored (no query per chooser): heading, text, the ids of
        the cited practices and the proposed pilots."""
        items = []
        for block in self.recommendations.raw_data:
            value = block.get("value") or {}
            items.append(
                {
                    "heading": value.get("heading") or "",
                    "text": value.get("text") or "",
                    "practice_ids": [pk for pk in _list_values(value.get("practices")) if pk],
                    "pilots": [pilot for pilot in _list_values(value.get("pilots")) if pilot],
                }
            )
        return items

    def recommendation_list(self):
        """The recommendations with their cited practices, the live ones only, in one query."""
        from route2020.practices.models import PracticePage

        items = self.raw_recommendations()
        ids = {pk for item in items for pk in item["practice_ids"]}
        practices = {}
        if ids:
            queryset = public(PracticePage.objects.live().filter(pk__in=ids))
            queryset = queryset.select_related("organisation").only(
                "pk", "title", "url_path", "path", "depth", "kind", "organisation__name"
            )
            practices = {page.pk: page for page in queryset}
        for item in items:
            item["practices"] = [practices[pk] for pk in item["practice_ids"] if pk in practices]
        return items

    def visit_list(self):
        return self.visits.select_related("organisation", "organisation__province").order_by(
            "visited_on", "pk"
        )

    def get_context(self, request, *args, **kwargs):
        # Lazy: read only when the page's fragment is rendered, not when it is served.
        context = super().get_context(request, *args, **kwargs)
        context["recommendation_list"] = SimpleLazyObject(self.recommendation_list)
        context["visit_list"] = SimpleLazyObject(lambda: list(self.visit_list()))
        context["province_list"] = SimpleLazyObject(lambda: list(self.provinces.all()))
        return context


def _list_values(raw):
    """The values of a stored ListBlock: items are {"type": "item", "value": …} or bare."""
    values = []
    for item in raw or []:
        values.append(item.get("value") if isinstance(item, dict) else item)
    return values
