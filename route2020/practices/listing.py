"""The listing at /praktijkvoorbeelden/: filters, facet counts, sorting, search, pages.

Everything it filters and counts on is a column of the practice row or a small child table
(themes, partners), so the number of queries is fixed (a dozen) and each is an indexed scan
or a GROUP BY, whatever the number of practices.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from route2020.core.models import Province
from route2020.themes.models import ThemePage

from . import listing_cache
from .models import Kind, PartnerType, PracticePage, PracticePartner, Status

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
    queryset = PracticePage.objects.live()
    # Themes and partners as EXISTS, not IN (subquery): the database then walks the practices
    # in the listing's order and probes each one, stopping after a page, instead of reading
    # every practice of the theme (30,000 of 100,000) and sorting them.
    if chosen["thema"]:
        theme_id = theme_slugs[chosen["thema"]].pk
        queryset = queryset.filter(
            Exists(
                _theme_through().objects.filter(
                    practicepage_id=OuterRef("pk"), themepage_id=theme_id
                )
            )
        )
    if chosen["provincie"]:
        queryset = queryset.filter(province_id=province_slugs[chosen["provincie"]].pk)
    if chosen["soort"]:
        queryset = queryset.filter(kind=chosen["soort"])
    if chosen["status"]:
        queryset = queryset.filter(status=chosen["status"])
    if chosen["partner"]:
        queryset = queryset.filter(
            Exists(
                PracticePartner.objects.filter(
                    practice_id=OuterRef("pk"), partner_type=chosen["partner"]
                )
            )
        )
    if chosen["mislukt"]:
        queryset = queryset.filter(has_failures=True)
    if chosen["overgenomen"]:
        queryset = queryset.filter(adoption_count__gt=0)
    if chosen["parel"]:
        queryset = queryset.filter(is_parel=True)
    return queryset


def search_practices(queryset, q, sort, current):
    """Results to show and the set of matching practices to count facets over."""
    ordering = {
        "nieuwste": ("-sort_date", "-pk"),
        "meest-overgenomen": ("-adoption_count", "-sort_date", "-pk"),
    }
    if not q:
        return queryset.order_by(*ordering[sort]), queryset
    return ranked_search(queryset, q, sort, ordering.get(sort), current)


class CountedPaginator(Paginator):
    """The total is known from the facet counts: no COUNT(*) of its own."""

    def __init__(self, object_list, per_page, *, total):
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self):
        return self.total


def cached_facet_counts(chosen, q, matching, current):
    """Facet counts are the part of the listing whose cost grows with the number of
    practices (GROUP BY over every match), so they are kept per filter combination until
    the next publish or adoption (listing_cache's generation)."""

    def compute():
        resolved = matching.resolve() if hasattr(matching, "resolve") else matching
        return facet_counts(resolved)

    return listing_cache.cached("facets", (sorted(chosen.items()), q), compute, current=current)


def taxonomy():
    themes = list(
        ThemePage.objects.live().order_by("number", "path").only("title", "slug", "short_title")
    )
    return themes, list(Province.objects.all())


def facet_counts_for(params, *, current):
    """The facet counts of the listing at ?<params> (no search term): for the warm-up."""
    themes, provinces = taxonomy()
    chosen, _q, _sort, theme_slugs, province_slugs = read_filters(params, themes, provinces)
    matching = filtered_practices(chosen, theme_slugs, province_slugs)
    return cached_facet_counts(chosen, "", matching, current)


def facet_counts(matching):
    """Counts per facet value over the current results: three GROUP BY queries."""
    ids = matching.order_by().values("pk")
    counts = {"thema": {}, "provincie": {}, "soort": {}, "status": {}, "partner": {}}
    counts.update(mislukt=0, overgenomen=0, parel=0)
    # Province, kind, status and the three flags are columns of the practice row: one
    # GROUP BY gives them all (at most 12 × 2 × 4 groups).
    rows = (
        matching.order_by()
        .values("province_id", "kind", "status")
        .annotate(
            n=Count("pk"),
            mislukt=Count("pk", filter=Q(has_failures=True)),
            overgenomen=Count("pk", filter=Q(adoption_count__gt=0)),
            parel=Count("pk", filter=Q(is_parel=True)),
        )
    )
    for row in rows:
        for facet, key in (("provincie", "province_id"), ("soort", "kind"), ("status", "status")):
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
    ]


def listing_context(index_page, request):
    themes, provinces = taxonomy()
    current = listing_cache.generation()
    chosen, q, sort, theme_slugs, province_slugs = read_filters(request.GET, themes, provinces)
    queryset = (
        filtered_practices(chosen, theme_slugs, province_slugs)
        .only(*PracticePage.CARD_FIELDS, "organisation__name")
        .select_related("organisation")
    )
    results, matching = search_practices(queryset, q, sort, current)
    counts = cached_facet_counts(chosen, q, matching, current)
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
MATCH_QUERIES = {
    # Start from the FTS5 table (CROSS JOIN fixes the join order), best bm25 rank first.
    "sqlite": """
        SELECT entry.object_id
        FROM wagtailsearch_indexentry_fts AS fts
        CROSS JOIN wagtailsearch_indexentry AS entry ON entry.id = fts.rowid
        WHERE wagtailsearch_indexentry_fts MATCH %(match)s
          AND entry.content_type_id = %(content_type)s
        ORDER BY fts.rank
        LIMIT %(limit)s
    """,
    # The GIN indexes on title and body, with the configured text search config ("dutch").
    "postgresql": """
        SELECT entry.object_id
        FROM wagtailsearch_indexentry AS entry,
             plainto_tsquery(%(config)s::regconfig, %(text)s) AS query
        WHERE entry.content_type_id = %(content_type)s
          AND (entry.title @@ query OR entry.body @@ query)
        ORDER BY ts_rank(entry.title, query) * 2 + ts_rank(entry.body, query) DESC
        LIMIT %(limit)s
    """,
}


def match_ids(q):
    """The best matches in Wagtail's own search index, best first, at most MATCH_LIMIT.

    Wagtail's database backends join every index entry of the model before matching and
    score with a subquery or rank per row: at 100,000 practices one search took 217 s on
    SQLite and 66 s on PostgreSQL (measured). Asking the index directly, through its
    full-text index, takes milliseconds. All terms are required.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    terms = re.findall(r"\w+", q.lower())[:10]
    if not terms:
        return []
    params = {
        "match": " ".join(f'"{term}"' for term in terms),
        "text": " ".join(terms),
        "config": settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple",
        "content_type": ContentType.objects.get_for_model(PracticePage).pk,
        "limit": MATCH_LIMIT,
    }
    with connection.cursor() as cursor:
        cursor.execute(MATCH_QUERIES[connection.vendor], params)
        return [int(row[0]) for row in cursor.fetchall()]


class RankedResults:
    """Filtered practices in the ranking's order, loaded one page at a time."""

    def __init__(self, queryset, ranked_ids):
        self.queryset = queryset
        self.ids = ranked_ids

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, key):
        ids = self.ids[key]
        rows = {page.pk: page for page in self.queryset.filter(pk__in=ids)}
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
