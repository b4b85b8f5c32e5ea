"""The practice listing as a CSV download: the same filters, search and order as
/praktijkvoorbeelden/ (listing.py), every result instead of one page, streamed in chunks."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from route2020.core import csv_export

from . import listing_cache
from .listing import filtered_practices, read_filters, search_practices, taxonomy
from .models import PracticePage

EXPORT_FIELDS = (
    *PracticePage.CARD_FIELDS,
    "start_date",
    "end_date",
    "budget_euros",
    "staff_hours",
    "duration_months",
    "organisation__name",
)


def header():
    return [
        _("id"),
        _("titel"),
        _("adres"),
        _("organisatie"),
        _("provincie"),
        _("thema's"),
        _("soort"),
        _("status"),
        _("fase"),
        _("parel"),
        _("overgenomen door"),
        _("wat werkte niet"),
        _("startdatum"),
        _("einddatum"),
        _("toegevoegd op"),
        _("budget in euro"),
        _("uren personeel"),
        _("looptijd in maanden"),
        _("samenvatting"),
    ]


def practice_chunks(request):
    """The listing's results for request.GET, in chunks of rows: one query per chunk for
    the rows (a server-side cursor on PostgreSQL) and one for their themes."""
    themes, provinces = taxonomy()
    chosen, q, sort, theme_slugs, province_slugs = read_filters(request.GET, themes, provinces)
    queryset = (
        filtered_practices(chosen, theme_slugs, province_slugs)
        .select_related("organisation")
        .only(*EXPORT_FIELDS)
    )
    results, _matching = search_practices(queryset, q, sort, listing_cache.generation())
    size = csv_export.CHUNK_SIZE
    if isinstance(results, QuerySet):
        chunks = csv_export.in_chunks(results.iterator(chunk_size=size), size)
    else:
        # A search: the ranked ids are known (at most listing.MATCH_LIMIT), a chunk is a slice.
        chunks = (results[start : start + size] for start in range(0, len(results), size))
    labels = {theme.pk: theme.label for theme in themes}
    provinces = {province.pk: province.name for province in provinces}
    for chunk in chunks:
        yield rows(chunk, request, labels, provinces)


def rows(practices, request, theme_labels, province_names):
    through = PracticePage.themes.through
    themes = {}
    for practice_id, theme_id in through.objects.filter(
        practicepage_id__in=[practice.pk for practice in practices]
    ).values_list("practicepage_id", "themepage_id"):
        if theme_id in theme_labels:
            themes.setdefault(practice_id, []).append(theme_labels[theme_id])
    yes = _("ja")
    return [
        [
            practice.pk,
            practice.title,
            practice.get_full_url(request),
            practice.organisation.name if practice.organisation else "",
            province_names.get(practice.province_id, ""),
            "; ".join(themes.get(practice.pk, [])),
            practice.get_kind_display(),
            practice.get_status_display(),
            practice.get_phase_display(),
            yes if practice.is_parel else "",
            practice.adoption_count,
            yes if practice.has_failures else "",
            practice.start_date,
            practice.end_date,
            timezone.localdate(practice.sort_date),
            practice.budget_euros,
            practice.staff_hours,
            practice.duration_months,
            practice.summary,
        ]
        for practice in practices
    ]
