import re
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.models import BasePage
from route2020.core.pages import public
from route2020.core.pagination import kept_page

NEWS_PER_PAGE = 10
SLUG = re.compile(r"[-\w]+")


class NewsIndexPage(BasePage):
    menu_label = _("Nieuws")
    subpage_types = ["news.NewsItemPage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_news(self):
        return public(NewsItemPage.objects.child_of(self).live()).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # ?thema=<slug>: the news of one theme (the theme page links here). An unknown slug
        # simply finds nothing; it is never an error.
        theme_slug = request.GET.get("thema", "")[:100]
        if not SLUG.fullmatch(theme_slug):
            theme_slug = ""  # not a slug (a NUL byte would even upset PostgreSQL): no filter
        # The count is kept per process until the next publish, so the fragment's key is the
        # page shown, not how `?pagina=` was written; when the fragment is kept, the items
        # are not asked for (route2020.core.pagination).
        context["news_number"], context["news_page"] = kept_page(
            request,
            "news",
            [self, theme_slug],
            lambda: self.listed_news(theme_slug),
            NEWS_PER_PAGE,
            request.GET.get("pagina"),
        )
        context["theme_slug"] = theme_slug
        context["query_string"] = urlencode({"thema": theme_slug}) if theme_slug else ""
        context["theme"] = SimpleLazyObject(lambda: self.get_theme(theme_slug))
        return context

    def listed_news(self, theme_slug):
        news = self.get_news().only(*NewsItemPage.LIST_FIELDS)
        return news.filter(themes__slug=theme_slug) if theme_slug else news

    def get_theme(self, slug):
        """The theme the listing is filtered on, or None."""
        if not slug:
            return None
        from route2020.themes.models import ThemePage

        return public(ThemePage.objects.live()).filter(slug=slug).only("title", "slug").first()


class NewsItemPage(BasePage):
    """A dated news item. The seed's timeline gives some dates to the month or year only."""

    class Precision(models.TextChoices):
        DAY = "dag", _("dag")
        MONTH = "maand", _("maand")
        YEAR = "jaar", _("jaar")

    date = models.DateField(_("datum"))
    date_precision = models.CharField(
        _("nauwkeurigheid van de datum"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Is alleen de maand of het jaar bekend? Dan toont de site alleen die."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name=_("thema's"), blank=True, related_name="news_items"
    )

    LIST_FIELDS = (
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "intro",
        "date",
        "date_precision",
        "search_description",
        "last_published_at",
        "latest_revision_created_at",
    )
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        # Every listing (index, home, feed) sorts newest first: ORDER BY date DESC, pk DESC.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_item_date_idx")]

    @property
    def display_date(self):
        """'20 november 2017', 'november 2017' or '2017', in the active language."""
        if self.date_precision == self.Precision.YEAR:
            return str(self.date.year)
        if self.date_precision == self.Precision.MONTH:
            return formats.date_format(self.date, "F Y")
        return formats.date_format(self.date, "j F Y")
