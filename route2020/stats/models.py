"""Statistics of our own: counts per day, nothing about a person.

Page views and searches that found nothing are counted for everyone, without a cookie and
without an IP address or user agent. Unique and returning visitors are counted only for
those who said "Ja": `Visitor` holds a keyed hash of their random cookie id and two dates,
nothing else. Everything is removed after RETENTION (`prune_statistics`, daily).
"""

from datetime import timedelta

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# Thirteen months: a year to compare with, and the month it is compared in.
RETENTION = timedelta(days=396)


class PageView(models.Model):
    day = models.DateField(_("dag"))
    path = models.CharField(_("pagina"), max_length=300)
    # The first part of the path ("nieuws" for /nieuws/… and /en/nieuws/…), "" for home.
    section = models.CharField(_("onderdeel"), max_length=100, blank=True)
    views = models.PositiveIntegerField(_("weergaven"), default=0)

    class Meta:
        verbose_name = _("paginaweergaven op een dag")
        verbose_name_plural = _("paginaweergaven")
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="stats_pageview_day_path"),
        ]
        indexes = [models.Index(fields=["section", "day"], name="stats_pageview_section_day")]

    def __str__(self):
        return f"{self.day} {self.path}: {self.views}"


class ZeroResultSearch(models.Model):
    """A search term that found nothing, and how often it was searched that day."""

    day = models.DateField(_("dag"))
    term = models.CharField(_("zoekterm"), max_length=200)
    searches = models.PositiveIntegerField(_("keer gezocht"), default=0)

    class Meta:
        verbose_name = _("zoekterm zonder resultaat")
        verbose_name_plural = _("zoektermen zonder resultaat")
        constraints = [
            models.UniqueConstraint(fields=["day", "term"], name="stats_zeroresult_day_term"),
        ]

    def __str__(self):
        return f"{self.day} {self.term}: {self.searches}"


class Visitor(models.Model):
    """A browser that said "Ja": a keyed hash of its random cookie id, first and last day."""

    key = models.CharField(max_length=64, unique=True)
    first_seen = models.DateField(_("eerste bezoek"))
    last_seen = models.DateField(_("laatste bezoek"))

    class Meta:
        verbose_name = _("bezoeker (statistiek-id)")
        verbose_name_plural = _("bezoekers (statistiek-id)")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_seen__lte=F("last_seen")), name="stats_visitor_seen_order"
            ),
        ]

    def __str__(self):
        return f"{self.first_seen} – {self.last_seen}"


class DailyVisitors(models.Model):
    """Of those who said "Ja": how many visited that day, and how many of them had visited
    on an earlier day."""

    day = models.DateField(_("dag"), unique=True)
    visitors = models.PositiveIntegerField(_("unieke bezoekers"), default=0)
    returning = models.PositiveIntegerField(_("terugkerende bezoekers"), default=0)

    class Meta:
        verbose_name = _("bezoekers op een dag")
        verbose_name_plural = _("bezoekers per dag")
        constraints = [
            models.CheckConstraint(
                condition=Q(returning__lte=F("visitors")), name="stats_daily_returning_le_visitors"
            ),
        ]

    def __str__(self):
        return f"{self.day}: {self.visitors} ({self.returning})"


class FlushState(models.Model):
    """One row: up to which time slot the counts buffered in the cache have been written.

    The flush locks it, so two flushes never write the same slot twice."""

    flushed_through = models.BigIntegerField(null=True)

    def __str__(self):
        return str(self.flushed_through)
