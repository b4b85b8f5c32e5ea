from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.models import BasePage
from route2020.core.pages import public


class ThemeIndexPage(BasePage):
    subpage_types = ["themes.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = _("themaoverzicht")

    def get_themes(self):
        return public(ThemePage.objects.child_of(self).live()).order_by("number", "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = self.get_themes()
        return context


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

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        # The index lists themes by number.
        indexes = [models.Index(fields=["number"], name="theme_number_idx")]

    @property
    def label(self):
        return self.short_title or self.title
