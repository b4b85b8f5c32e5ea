"""The one search of the site: `/zoeken/` and the practice listing both ask `ranked_ids()`.

One rule for both callers and both databases: the words of `core.stemming.search_terms()`
(stop words left out, Dutch stems, as the index holds them); **every word must occur**, in
the title or the body; the best matches come first (SQLite's FTS5 bm25 rank; on PostgreSQL
`ts_rank` of the title by its length norm plus the body, as Wagtail ranks, with its `dutch`
configuration on top of the stems on both sides, over a capped candidate set: title matches
first, see `_postgres_sql`).

The index itself stays Wagtail's (`update_index` and the automatic updates keep working).
Asking it directly, once per request, for the best ids in rank order is what makes search
fast: Wagtail's own database backend scores every entry with a subquery on SQLite and
filters on an expression no index serves on PostgreSQL (217 s and 66 s for one search at
100,000 practices, measured; milliseconds this way).
"""

from django.conf import settings
from django.db import connection

from route2020.core.stemming import search_terms

MAX_MATCHES = 500
# PostgreSQL ranks at most this many matches of a query (see _postgres_sql): a bound on
# the rows read whatever the number of pages, a few milliseconds of work.
CANDIDATES = 2000
TITLE_CANDIDATES = 500


def content_type_ids_of(*models):
    """From Django's per-process content-type cache: no query after the first request."""
    from django.contrib.contenttypes.models import ContentType

    by_model = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return sorted(content_type.pk for content_type in by_model.values())


def page_content_type_ids():
    from wagtail.models import get_page_models

    return content_type_ids_of(*get_page_models())


def uses_database_index():
    """False when the search index lives elsewhere (SEARCH_BACKEND=opensearch): then the
    configured Wagtail backend answers, which ranks on its own server."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend == "wagtail.search.backends.database"


def ranked_ids(query, *, content_type_ids, limit=MAX_MATCHES):
    """Ids of the objects (of these content types) that match `query`, best first."""
    terms = search_terms(query)
    if not terms or not content_type_ids:
        return []
    if not uses_database_index():
        return _fallback_ids(query, content_type_ids, limit)
    if connection.vendor == "postgresql":
        sql, params = _postgres_sql(terms, content_type_ids, limit)
    elif connection.vendor == "sqlite":
        sql, params = _sqlite_sql(terms, content_type_ids, limit)
    else:  # the platform runs on SQLite or PostgreSQL
        return _fallback_ids(query, content_type_ids, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def ranked_page_ids(query, limit=MAX_MATCHES):
    """`/zoeken/`: every kind of page."""
    return ranked_ids(query, content_type_ids=page_content_type_ids(), limit=limit)


def _index_table():
    from wagtail.search.models import IndexEntry

    return IndexEntry._meta.db_table


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _sqlite_sql(terms, content_type_ids, limit):
    """Start from the FTS5 table (CROSS JOIN fixes the join order) and let FTS5 rank: `rank`
    is its bm25, computed while matching."""
    from wagtail.search.models import SQLiteFTSIndexEntry  # defined on SQLite only

    table, fts = _index_table(), SQLiteFTSIndexEntry._meta.db_table
    match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
    sql = f"""
        SELECT entry.object_id
        FROM {fts} AS fts
        CROSS JOIN {table} AS entry ON entry.id = fts.rowid
        WHERE {fts} MATCH %s AND entry.content_type_id IN ({_placeholders(content_type_ids)})
        ORDER BY fts.rank
        LIMIT %s
    """  # noqa: S608 - table names from the models, values as parameters
    return sql, [match, *content_type_ids, limit]


def postgres_config():
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"


def _postgres_sql(terms, content_type_ids, limit):
    """Rank a bounded candidate set, not every match.

    `ts_rank` reads each row it scores (a heap fetch of its tsvectors), so ranking all
    matches of a common word ("vrijwilligers": 23,000 of 100,000 practices) cost 100 ms or
    more. The candidates are the matches the indexes find, each set capped: up to
    `TITLE_CANDIDATES` whose title holds every word (the title's own GIN index) and up to
    `CANDIDATES` holding every word in the title or the body (`title || body`, the GIN index
    of migration 0001; plainto_tsquery ANDs the stems). When a query matches fewer rows than
    the caps, as nearly every query of more than one word does, the order is exactly that of
    ranking everything; past them, a title match still comes first, the rest are ranked
    among the body matches read first.
    """
    table, ctypes = _index_table(), _placeholders(content_type_ids)
    rank = "ts_rank(entry.title, query) * entry.title_norm + ts_rank(entry.body, query)"
    sql = f"""
        SELECT object_id FROM (
            (SELECT entry.id, entry.object_id, {rank} AS rank
             FROM {table} AS entry, plainto_tsquery(%s::regconfig, %s) AS query
             WHERE entry.content_type_id IN ({ctypes}) AND entry.title @@ query
             LIMIT %s)
            UNION
            (SELECT entry.id, entry.object_id, {rank} AS rank
             FROM {table} AS entry, plainto_tsquery(%s::regconfig, %s) AS query
             WHERE entry.content_type_id IN ({ctypes}) AND (entry.title || entry.body) @@ query
             LIMIT %s)
        ) AS candidate
        ORDER BY rank DESC, id DESC
        LIMIT %s
    """  # noqa: S608 - table names from the models, values as parameters
    config, words = postgres_config(), " ".join(terms)
    return sql, [
        *(config, words, *content_type_ids, TITLE_CANDIDATES),
        *(config, words, *content_type_ids, max(CANDIDATES, limit)),
        limit,
    ]


def _fallback_ids(query, content_type_ids, limit):
    """Wagtail's configured backend (OpenSearch), with the same rule: every word must occur."""
    from wagtail.models import Page

    pages = Page.objects.live().filter(content_type_id__in=content_type_ids)
    return [page.pk for page in pages.search(query, operator="and")[:limit]]
