from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
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
