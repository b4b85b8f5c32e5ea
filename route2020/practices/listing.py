"""The listing at /praktijkvoorbeelden/: filters, facet counts, sorting, search, pages.

Everything it filters and counts on is a column of the practice row or a small child table
(themes, partners), so the number of queries is fixed (a dozen) and each is an indexed scan
or a GROUP BY, whatever the number of practices.
"""

import functools
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from route2020.core import cache as page_cache
from route2020.core import fragments
from route2020.core.models import Province
from route2020.core.pages import public
from route2020.search.backend import ranked_ids
from route2020.themes.models import ThemePage

from . import listing_cache
from .models import (
    EvidenceLevel,
    Kind,
    PartnerType,
    PracticePage,
    PracticePartner,
    PracticeQuerySet,
    Status,
)

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
SORTS = {
    "nieuwste": _("Nieuwste"),
    "meest-overgenomen": _("Meest overgenomen"),
    "relevantie": _("Relevantie"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list


def _theme_through():
    return PracticePage.themes.through


# What the listing reads from its address (the page cache keeps these in its keys).
QUERY_PARAMETERS = (
    "thema",
    "provincie",
    "soort",
    "status",
    "partner",
    "bewijsniveau",
    "mislukt",
    "overgenomen",
    "parel",
    "q",
    "sort",
    "pagina",
)


def read_filters(get, themes, provinces):
    """Only known values count; anything else in the URL is ignored, never an error."""
    theme_slugs = {theme.slug: theme for theme in themes}
    province_slugs = {province.slug: province for province in provinces}
    chosen = {
        "thema": get.get("thema") if get.get("thema") in theme_slugs else "",
        "provincie": get.get("provincie") if get.get("provincie") in province_slugs else "",
        "soort": get.get("soort") if get.get("soort") in Kind.values else "",
        "status": get.get("status") if get.get("status") in Status.values else "",
        "partner": get.get("partner") if get.get("partner") in PartnerType.values else "",
        "bewijsniveau": get.get("bewijsniveau")
        if get.get("bewijsniveau") in EvidenceLevel.values
        else "",
        "mislukt": "1" if get.get("mislukt") == "1" else "",
        "overgenomen": "1" if get.get("overgenomen") == "1" else "",
        "parel": "1" if get.get("parel") == "1" else "",
    }
    q = " ".join(get.get("q", "").split())[:MAX_QUERY_LENGTH]
    sort = get.get("sort") if get.get("sort") in SORTS else ("relevantie" if q else "nieuwste")
    if sort == "relevantie" and not q:
        sort = "nieuwste"
    return chosen, q, sort, theme_slugs, province_slugs


def filtered_practices(chosen, theme_slugs, province_slugs):
    """The live, public practices matching the filters read from the address
    (`read_filters`). Public: the listing is the same for every visitor (and kept so), so a
    practice behind a view restriction is in no listing, count, export or API answer."""
    return public(PracticePage.objects.live()).matching(
        theme_id=theme_slugs[chosen["thema"]].pk if chosen["thema"] else None,
        province_id=province_slugs[chosen["provincie"]].pk if chosen["provincie"] else None,
        kind=chosen["soort"],
        status=chosen["status"],
        partner_type=chosen["partner"],
        evidence_level=chosen["bewijsniveau"],
        failures=chosen["mislukt"],
        adopted=chosen["overgenomen"],
        parel=chosen["parel"],
    )


def search_practices(queryset, q, sort, current):
    """Results to show and the set of matching practices to count facets over."""
    if not q:
        return queryset.in_order(sort), queryset
    return ranked_search(queryset, q, sort, PracticeQuerySet.ORDERINGS.get(sort), current)


class CountedPaginator(Paginator):
    """The total is known from the facet counts: no COUNT(*) of its own."""

    def __init__(self, object_list, per_page, *, total):
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self):
        return self.total


def cached_facet_counts(chosen, q, matching, current, *, stale=None):
    """Facet counts are the part of the listing whose cost grows with the number of
    practices (GROUP BY over every match), so they are kept per filter combination until
    the next publish or adoption (listing_cache's generation). Right after a publish the
    previous generation's counts are shown while a task computes the new ones (`stale()`
    is called then)."""

    def compute():
        resolved = matching.resolve() if hasattr(matching, "resolve") else matching
        return facet_counts(resolved)

    params = {name: value for name, value in chosen.items() if value}
    if q:
        params["q"] = q
    return listing_cache.cached(
        "facets", facet_key(chosen, q), compute, current=current, refresh=(params,), stale=stale
    )


def facet_key(chosen, q):
    return (sorted(chosen.items()), q)


def taxonomy():
    themes = list(
        ThemePage.objects.live().order_by("number", "path").only("title", "slug", "short_title")
    )
    return themes, list(Province.objects.all())


def kept_taxonomy(request):
    """`taxonomy()` read once per content generation in each process (route2020.core.
    fragments): every listing request needs it to read its filters."""
    return fragments.memo(request, "practices-taxonomy", (), taxonomy)


def facet_counts_for(params, *, current, recompute=False):
    """The facet counts of the listing at ?<params>: for the warm-up and the refresh after a
    publish (`recompute`: computed now and stored, whatever is cached)."""
    themes, provinces = taxonomy()
    chosen, q, sort, theme_slugs, province_slugs = read_filters(params, themes, provinces)
    matching = filtered_practices(chosen, theme_slugs, province_slugs)
    if not recompute:
        return cached_facet_counts(chosen, q, matching, current)
    if q:
        # The listing's own queryset: its SQL is part of the ranked ids' key, so the request
        # finds the ids ranked here (`ranked_search`).
        queryset = listing_queryset(chosen, theme_slugs, province_slugs)
        _results, matched = search_practices(queryset, q, sort, current)
        matching = matched.resolve()
    counts = facet_counts(matching)
    listing_cache.store_latest("facets", facet_key(chosen, q), current, counts)
    return counts


def facet_counts(matching):
    """Counts per facet value over the current results: three GROUP BY queries."""
    ids = matching.order_by().values("pk")
    counts = {
        "thema": {},
        "provincie": {},
        "soort": {},
        "status": {},
        "partner": {},
        "bewijsniveau": {},
    }
    counts.update(mislukt=0, overgenomen=0, parel=0)
    # Province, kind, status, evidence level and the three flags are columns of the practice
    # row: one GROUP BY gives them all (at most 12 × 2 × 4 × 3 groups).
    rows = (
        matching.order_by()
        .values("province_id", "kind", "status", "evidence_level")
        .annotate(
            n=Count("pk"),
            mislukt=Count("pk", filter=Q(has_failures=True)),
            overgenomen=Count("pk", filter=Q(adoption_count__gt=0)),
            parel=Count("pk", filter=Q(is_parel=True)),
        )
    )
    for row in rows:
        for facet, key in (
            ("provincie", "province_id"),
            ("soort", "kind"),
            ("status", "status"),
            ("bewijsniveau", "evidence_level"),
        ):
            counts[facet][row[key]] = counts[facet].get(row[key], 0) + row["n"]
        for flag in ("mislukt", "overgenomen", "parel"):
            counts[flag] += row[flag]
    through = _theme_through()
    for row in (
        through.objects.filter(practicepage_id__in=ids)
        .values("themepage_id")
        .annotate(n=Count("practicepage_id", distinct=True))
    ):
        counts["thema"][row["themepage_id"]] = row["n"]
    for row in (
        PracticePartner.objects.filter(practice_id__in=ids)
        .values("partner_type")
        .annotate(n=Count("practice_id", distinct=True))
    ):
        counts["partner"][row["partner_type"]] = row["n"]
    # Every practice has exactly one kind: their sum is the number of results.
    counts["total"] = sum(counts["soort"].values())
    return counts


def build_facets(chosen, counts, themes, provinces):
    def options(name, pairs):
        return [
            Option(value, label, counts[name].get(key, 0), chosen[name] == value)
            for key, value, label in pairs
        ]

    return [
        Facet("thema", _("Thema"), options("thema", [(t.pk, t.slug, t.label) for t in themes])),
        Facet(
            "provincie",
            _("Provincie"),
            options("provincie", [(p.pk, p.slug, p.name) for p in provinces]),
        ),
        Facet("soort", _("Soort"), options("soort", [(v, v, lbl) for v, lbl in Kind.choices])),
        Facet("status", _("Status"), options("status", [(v, v, lbl) for v, lbl in Status.choices])),
        Facet(
            "partner",
            _("Partners"),
            options("partner", [(v, v, lbl) for v, lbl in PartnerType.choices]),
        ),
        Facet(
            "bewijsniveau",
            _("Bewijsniveau"),
            options("bewijsniveau", [(v, v, lbl) for v, lbl in EvidenceLevel.choices]),
        ),
    ]


def listing_context(index_page, request):
    """The listing's HTML (filters, counts, cards, pages) is the same for every visitor: it
    is kept per process (route2020.core.fragments: per content generation, language and
    host) and per filters, search, sort and results page as read, so a request whose listing
    is kept runs no query, reads no cache and renders no card. The facet counts that give
    the number of pages are kept the same way. `practices`, `facets`, ... stay in the
    context, computed only when read (as the tests read them).

    Counts of the previous generation (shown while the refresh task computes the current
    ones) are kept nowhere: not in this process, not in the page cache; the first request
    after the task has run shows the current ones.
    """
    themes, provinces = kept_taxonomy(request)
    chosen, q, sort, theme_slugs, province_slugs = read_filters(request.GET, themes, provinces)
    filters = tuple(sorted(chosen.items()))
    stale = []

    def shown_stale():
        stale.append(True)
        page_cache.cache_until(request, timezone.now())  # kept nowhere (core.fragments too)

    counts = fragments.memo(
        request,
        "practices-counts",
        (filters, q),
        partial(cached_facet_counts_of, chosen, q, sort, theme_slugs, province_slugs, shown_stale),
    )
    page_number = page_number_of(request.GET.get("pagina"), counts["total"])
    full = functools.cache(partial(full_listing_context, index_page, request, counts))

    def render():
        context = {"page": index_page, "self": index_page, **full()}
        html = render_to_string("practices/includes/listing.html", context, request=request)
        return mark_safe(html)  # noqa: S308 - rendered from the template

    vary = (index_page, filters, q, sort, page_number)
    html = render() if stale else fragments.memo(request, "practices-listing", vary, render)
    lazy = {name: SimpleLazyObject(lambda name=name: full()[name]) for name in LAZY_NAMES}
    return {"listing_html": html, **lazy}


LAZY_NAMES = (
    "practices",
    "page_obj",
    "result_count",
    "facets",
    "flag_counts",
    "chosen",
    "q",
    "sort",
    "sorts",
    "query_string",
    "has_filters",
    "active_filter_count",
)


def page_number_of(value, total):
    """The number of the page `Paginator.get_page(value)` shows of `total` results."""
    return Paginator(range(total), PER_PAGE).get_page(value).number


class LazyMatching:
    """The practices to count facets over, built only when the counts are not kept: building
    the filtered queryset (and, for a search, its SQL for the ranked ids' key) is most of
    the work of a request that finds its counts in the cache."""

    def __init__(self, make):
        self.make = make

    def resolve(self):
        matching = self.make()
        return matching.resolve() if hasattr(matching, "resolve") else matching


def listing_queryset(chosen, theme_slugs, province_slugs):
    return (
        filtered_practices(chosen, theme_slugs, province_slugs)
        .only(*PracticePage.CARD_FIELDS, "organisation__name")
        .select_related("organisation")
    )


def cached_facet_counts_of(chosen, q, sort, theme_slugs, province_slugs, stale=None):
    """The facet counts of these filters and search, from the cache when kept there."""
    current = listing_cache.generation()

    def matching():
        queryset = listing_queryset(chosen, theme_slugs, province_slugs)
        return search_practices(queryset, q, sort, current)[1]

    return cached_facet_counts(chosen, q, LazyMatching(matching), current, stale=stale)


def full_listing_context(index_page, request, counts):
    """The listing's context, with the facet counts `listing_context` has read."""
    current = listing_cache.generation()
    themes, provinces = kept_taxonomy(request)
    chosen, q, sort, theme_slugs, province_slugs = read_filters(request.GET, themes, provinces)
    queryset = listing_queryset(chosen, theme_slugs, province_slugs)
    results, _matching = search_practices(queryset, q, sort, current)
    paginator = CountedPaginator(results, PER_PAGE, total=counts["total"])
    page_obj = paginator.get_page(request.GET.get("pagina"))
    practices = list(page_obj.object_list)
    attach_theme_labels(practices, {theme.pk: theme for theme in themes})
    province_names = {province.pk: province.name for province in provinces}
    for practice in practices:
        practice.province_name = province_names.get(practice.province_id, "")
    params = {key: value for key, value in chosen.items() if value}
    if q:
        params["q"] = q
    if sort != ("relevantie" if q else "nieuwste"):
        params["sort"] = sort
    if q:
        listing_cache.record_search(params, current)  # for the warm-up after a publish
    return {
        "practices": practices,
        "page_obj": page_obj,
        "result_count": paginator.count,
        "facets": build_facets(chosen, counts, themes, provinces),
        "flag_counts": {key: counts[key] for key in ("mislukt", "overgenomen", "parel")},
        "chosen": chosen,
        "q": q,
        "sort": sort,
        "sorts": [(key, label) for key, label in SORTS.items() if key != "relevantie" or q],
        "query_string": urlencode(params),
        "has_filters": bool(params),
        "active_filter_count": sum(1 for value in chosen.values() if value),
    }


def attach_theme_labels(practices, themes_by_id):
    """One query for the theme labels of all cards on the page."""
    by_id = {practice.pk: practice for practice in practices}
    for practice in practices:
        practice.theme_labels = []
    if not by_id:
        return
    rows = (
        _theme_through()
        .objects.filter(practicepage_id__in=by_id)
        .values_list("practicepage_id", "themepage_id")
    )
    for practice_id, theme_id in rows:
        theme = themes_by_id.get(theme_id)
        if theme:
            by_id[practice_id].theme_labels.append(theme.label)


# --- ranked matches straight from Wagtail's search index -------------------------------------

MATCH_LIMIT = 5000


def match_ids(q):
    """The best matches among the practices, best first, at most MATCH_LIMIT: the site's one
    search (route2020.search.backend), with its rule, asked for practices only."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(PracticePage)
    return ranked_ids(q, content_type_ids=[content_type.pk], limit=MATCH_LIMIT)


class RankedResults:
    """Filtered practices in the ranking's order, loaded one page at a time."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, key):
        ids = self.ids[key]
        # Pages, or dicts with "pk" when the queryset is a `.values()` one (the API).
        rows = {
            row["pk"] if isinstance(row, dict) else row.pk: row
            for row in self.queryset.filter(pk__in=ids)
        }
        return [rows[pk] for pk in ids if pk in rows]


def ranked_search(queryset, q, sort, ordering, current):
    """Ranking every match and filtering (and sorting) the ranked ids are the parts of a
    search that grow with the number of practices; their results are kept until the next
    publish, like the facet counts. A request then only loads its page of ids: even
    building a filter of 5,000 ids costs Django tens of milliseconds, so nothing else
    does."""
    ranked = listing_cache.cached("match", (q,), lambda: match_ids(q), current=current)

    def filtered():
        matching = queryset.filter(pk__in=ranked)
        if sort != "relevantie":
            return list(matching.order_by(*ordering).values_list("pk", flat=True))
        kept = set(matching.values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]

    # The filters are part of the queryset's SQL: the same filters give the same key.
    ids = listing_cache.cached("ranked", (q, sort, str(queryset.query)), filtered, current=current)
    return RankedResults(queryset, ids), MatchedIds(ids)


class MatchedIds:
    """The practices of a search, for the facet counts: built only when they are counted."""

    def __init__(self, ids):
        self.ids = ids

    def resolve(self):
        return PracticePage.objects.filter(pk__in=self.ids)
