from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Keep letters, digits and spaces; the backend gets nothing it could choke on."""
    query = "".join(ch if ch.isalnum() or ch in "-'" else " " for ch in raw[:MAX_QUERY_LENGTH])
    return " ".join(query.split())


def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    results = None
    if query:
        queryset = Page.objects.live().public().specific().search(query)
        paginator = Paginator(queryset, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages) if paginator.num_pages else None
    return render(
        request,
        "search/search.html",
        {
            "query": raw_query[:MAX_QUERY_LENGTH],
            "search_query": query,
            "results": results,
            "query_string": urlencode({"q": query}),
            "page_title": _("Zoeken"),
        },
    )
