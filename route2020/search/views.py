import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from route2020.core import cache as page_cache
from route2020.core import pages

from .backend import MAX_MATCHES, ranked_page_ids

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
SEARCH_CACHE_SECONDS = 10 * 60


def clean_query(raw):
    """Keep letters, digits and spaces; the backend gets nothing it could choke on."""
    query = "".join(ch if ch.isalnum() or ch in "-'" else " " for ch in raw[:MAX_QUERY_LENGTH])
    return " ".join(query.split())


def visible_ids(ranked_ids):
    """The live, public pages among the matches, in rank order: one query on ids only."""
    if not ranked_ids:
        return []
    queryset = pages.public(Page.objects.live().filter(pk__in=ranked_ids))
    kept = set(queryset.values_list("pk", flat=True))
    return [pk for pk in ranked_ids if pk in kept]


def load_results(ids):
    """The specific pages of one results page, in rank order, with their URL.

    `get_url()` without the request: with one site Wagtail makes a relative URL from its
    cached site root paths, without looking up the request's Site.
    """
    by_id = {
        page.pk: page for page in Page.objects.filter(pk__in=ids).specific().defer_streamfields()
    }
    results = [by_id[pk] for pk in ids if pk in by_id]
    for page in results:
        page.result_url = page.get_url()
    return results


def matching_ids(query):
    """Visible matches in rank order, kept per query until the next publish.

    Repeated and popular queries (and the second page of results) then cost one cache read
    instead of the match; the content generation in the key drops them on any publish,
    unpublish, move or restriction change. Returns (ids, capped).
    """
    digest = hashlib.sha1(query.lower().encode(), usedforsecurity=False).hexdigest()
    key = f"site-search:{page_cache.generation()}:{digest}"
    found = cache.get(key)
    if found is None:
        ranked = ranked_page_ids(query)
        found = (visible_ids(ranked), len(ranked) >= MAX_MATCHES)
        cache.set(key, found, SEARCH_CACHE_SECONDS)
    return found


def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    results = None
    capped = False
    if query:
        ids, capped = matching_ids(query)
        paginator = Paginator(ids, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages) if paginator.count else None
        if results is not None:
            results.object_list = load_results(list(results.object_list))
    return render(
        request,
        "search/search.html",
        {
            "query": raw_query[:MAX_QUERY_LENGTH],
            "search_query": query,
            "results": results,
            "capped": capped,
            "query_string": urlencode({"q": query}),
            "page_title": _("Zoeken"),
        },
    )
