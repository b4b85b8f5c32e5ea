from django.core.paginator import Paginator
from django.db import models
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.models import BasePage
from route2020.core.pages import public

NEWS_PER_PAGE = 10


class NewsIndexPage(BasePage):
    subpage_types = ["news.NewsItemPage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_news(self):
        return public(NewsItemPage.objects.child_of(self).live()).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_news().only(*NewsItemPage.LIST_FIELDS), NEWS_PER_PAGE)
        # Lazy: when the template's fragment cache has the listing, neither the count nor the
        # items are asked for.
        context["news_page"] = SimpleLazyObject(
            lambda: paginator.get_page(request.GET.get("pagina"))
        )
        return context


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
