"""The privacy statement: a page the office edits, in the form of the Dutch government's
model privacy statement (who is responsible; per purpose which data, on which legal basis,
for how long and shared with whom; then cookies, security, rights and complaints)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from route2020.core.blocks import BodyBlock
from route2020.core.models import BasePage


class LegalBasis(models.TextChoices):
    """The six grounds of article 6(1) of the GDPR (AVG)."""

    CONSENT = "toestemming", _("Toestemming (artikel 6 lid 1 onder a AVG)")
    CONTRACT = "overeenkomst", _("Uitvoering van een overeenkomst (artikel 6 lid 1 onder b AVG)")
    LEGAL_OBLIGATION = (
        "wettelijke-plicht",
        _("Wettelijke verplichting (artikel 6 lid 1 onder c AVG)"),
    )
    VITAL_INTEREST = "vitaal-belang", _("Vitaal belang (artikel 6 lid 1 onder d AVG)")
    PUBLIC_TASK = "algemeen-belang", _("Taak van algemeen belang (artikel 6 lid 1 onder e AVG)")
    LEGITIMATE_INTEREST = (
        "gerechtvaardigd-belang",
        _("Gerechtvaardigd belang (artikel 6 lid 1 onder f AVG)"),
    )


class PrivacyStatementPage(BasePage):
    controller_name = models.CharField(
        _("verwerkingsverantwoordelijke"),
        max_length=200,
        help_text=_("De organisatie die verantwoordelijk is voor de gegevens."),
    )
    controller_address = models.TextField(_("adres"), blank=True, max_length=500)
    contact_email = models.EmailField(_("e-mailadres voor privacyvragen"))
    data_protection_officer = models.TextField(
        _("functionaris gegevensbescherming"),
        blank=True,
        max_length=500,
        help_text=_("Naam en contactgegevens, als de organisatie er een heeft."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("overige onderdelen"),
        help_text=_(
            "Met wie gegevens worden gedeeld, cookies, beveiliging, rechten, klachten, wijzigingen."
        ),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("contact_email"),
                FieldPanel("data_protection_officer"),
            ],
            heading=_("Wie is verantwoordelijk?"),
        ),
        InlinePanel("processings", heading=_("Welke gegevens, waarom en hoe lang"), min_num=1),
        FieldPanel("body"),
    ]
    # The organisation's privacy mailbox, not a person's address (core's privacy coverage test).
    not_personal_fields = ("contact_email",)
    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("privacyverklaring")


class Processing(Orderable):
    """One purpose: what is stored for it, on which basis, for how long, shared with whom."""

    page = ParentalKey(PrivacyStatementPage, on_delete=models.CASCADE, related_name="processings")
    purpose = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("waarom"), max_length=1000)
    data = models.TextField(_("welke gegevens"), max_length=1000)
    legal_basis = models.CharField(_("grondslag"), max_length=30, choices=LegalBasis.choices)
    retention = models.TextField(_("hoe lang bewaard"), max_length=1000)
    recipients = models.TextField(_("met wie gedeeld"), blank=True, max_length=1000)

    panels = [
        FieldPanel("purpose"),
        FieldPanel("description"),
        FieldPanel("data"),
        FieldPanel("legal_basis"),
        FieldPanel("retention"),
        FieldPanel("recipients"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingen")

    def __str__(self):
        return self.purpose
