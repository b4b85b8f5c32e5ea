from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from route2020.core import pages

from .backend import MAX_MATCHES, ranked_page_ids

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


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


def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    results = None
    capped = False
    if query:
        ranked = ranked_page_ids(query)
        capped = len(ranked) >= MAX_MATCHES
        paginator = Paginator(visible_ids(ranked), RESULTS_PER_PAGE)
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
