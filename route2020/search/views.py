import hashlib
from functools import partial
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from route2020.core import cache as page_cache
from route2020.core import fragments, pages
from route2020.core.ratelimit import exceeded, too_many_requests

from .backend import MAX_MATCHES, ranked_page_ids
from .signals import search_without_results

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


def results_page(ids, number):
    """The page of results asked for: the first for anything but a number, the last past
    the end; None without results."""
    paginator = Paginator(ids, RESULTS_PER_PAGE)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages) if paginator.count else None


def results_html(request, query, search_query, ids, capped):
    """The results part of the page is the same for every visitor (only public pages are
    found): kept per process (route2020.core.fragments: per content generation, language
    and host), per query as typed and results page."""
    results = results_page(ids, request.GET.get("pagina", 1))
    number = results.number if results is not None else 0

    def render():
        if results is not None:
            results.object_list = load_results(list(results.object_list))
        context = {
            "query": query,
            "search_query": search_query,
            "results": results,
            "capped": capped,
            "query_string": urlencode({"q": search_query}),
        }
        html = render_to_string("search/includes/results.html", context, request=request)
        return mark_safe(html)  # noqa: S308 - rendered from the template

    return fragments.memo(request, "search-results", (query, number), render)


def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    ids = []
    if query and exceeded(request, "search"):
        return too_many_requests(request)
    context = {
        "query": raw_query[:MAX_QUERY_LENGTH],
        "search_query": query,
        "page_title": _("Zoeken"),
    }
    if query:
        # Kept in this process too (per content generation): no cache read when repeated.
        ids, capped = fragments.memo(
            request, "search-matches", (query.lower(),), partial(matching_ids, query)
        )
        context["results_html"] = results_html(request, context["query"], query, ids, capped)
    response = render(request, "search/search.html", context)
    if query and not ids:
        # Reported each time, so the page is not kept in the page cache: the view runs for
        # every such search (the matches themselves stay cached, see matching_ids).
        search_without_results.send(sender=search, request=request, query=query)
        patch_cache_control(response, private=True)
    return response
