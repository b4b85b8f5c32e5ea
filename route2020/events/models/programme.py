"""The programme of an event: sessions, each with its own capacity and the practices shown."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import Orderable

# Practices live in another app that may not be installed yet: sessions point at pages and the
# chooser only offers pages of this type.
PRACTICE_TYPE = ("practices", "practicepage")  # the content type's natural key
PRACTICE_PAGE = Q(content_type__app_label=PRACTICE_TYPE[0], content_type__model=PRACTICE_TYPE[1])


class PracticesField(ParentalManyToManyField):
    """Chosen through a search box, not a list of every practice: there may be 100,000."""

    def formfield(self, **kwargs):
        from ..practice_chooser import PracticeChoiceField, PracticeChooser

        return super().formfield(
            **{"form_class": PracticeChoiceField, "widget": PracticeChooser, **kwargs}
        )


class Session(Orderable, ClusterableModel):
    """A part of the programme, e.g. a parel or a deel-je-rijk-sessie, with its own capacity."""

    class Kind(models.TextChoices):
        PLENARY = "plenair", _("Plenair")
        SHOWCASE = "parel", _("Parel")
        SHARING = "deel-je-rijk", _("Deel-je-rijk-sessie")
        WORKSHOP = "workshop", _("Workshop")

    event = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    start = models.DateTimeField(_("begint op"))
    end = models.DateTimeField(_("eindigt op"))
    room = models.CharField(_("zaal"), max_length=100, blank=True)
    presenters = models.CharField(_("door"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), blank=True, max_length=2000)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    practices = PracticesField(
        "wagtailcore.Page",
        verbose_name=_("gepresenteerde praktijkvoorbeelden"),
        blank=True,
        related_name="presented_in_sessions",
        limit_choices_to=PRACTICE_PAGE,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("capacity")]),
        FieldPanel("presenters"),
        FieldPanel("description"),
        FieldPanel("practices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="events_session_ends_after_it_starts",
                violation_error_message=_("Het einde ligt niet na het begin."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Het einde ligt niet na het begin.")})

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end

    @property
    def display_time(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{start:%H:%M}–{end:%H:%M}"

    @property
    def places_left(self):
        """Needs the `confirmed` annotation of EventPage.get_sessions()."""
        if self.capacity is None:
            return None
        return max(self.capacity - getattr(self, "confirmed", 0), 0)
