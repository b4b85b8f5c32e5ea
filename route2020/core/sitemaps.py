"""/sitemap.xml: every live, public page of the site, in the same few queries at any size.

Wagtail's own `Sitemap` loads every page as its specific model (one query per page type) and
asks each page for its URLs; the number of queries grows with the kinds of content, the time
with the number of pages. The base `Page` row is enough for almost every page: the URL comes
from `url_path` and the Site's root URL, lastmod from `last_published_at`.

Only page types that decide for themselves whether and where they are listed (they override
`get_sitemap_urls` or `get_url_parts`, like a Reisflits, online once its sending started) are
loaded as their own model and asked: one query per such type on each sitemap page, with their
one-to-one details (the Reisflits's dispatch) joined, so that asking costs no query per page.

A site of more than 50,000 pages (the protocol's limit per file) gets a sitemap index at
/sitemap.xml that lists /sitemap.xml?p=1, ?p=2, ...
"""

from collections import defaultdict
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.http import http_date

from .pages import public

LISTED_FIELDS = (
    "path",
    "url_path",
    "content_type",
    "last_published_at",
    "latest_revision_created_at",
)


def decides_itself(model):
    """Whether a page type has its own rule for its sitemap entries or its URL."""
    from wagtail.models import Page

    return (
        model.get_sitemap_urls is not Page.get_sitemap_urls
        or model.get_url_parts is not Page.get_url_parts
    )


class PageSitemap(Sitemap):
    def __init__(self, request):
        self.request = request

    def get_root(self):
        from wagtail.models import Site

        site = Site.find_for_request(self.request)  # cached on the request by CachedSiteMiddleware
        if site is None:
            site = Site.objects.select_related("root_page").get(is_default_site=True)
        return site.root_page

    def items(self):
        return (
            public(self.get_root().get_descendants(inclusive=True).live())
            .only(*LISTED_FIELDS)
            .order_by("path")
        )

    @cached_property
    def paginator(self):
        # Django builds a new paginator, and counts again, each time it is asked.
        return super().paginator

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at

    def get_latest_lastmod(self):
        return self.items().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]

    def _urls(self, page, protocol, domain):
        """Like Wagtail's: full URLs from the Site (not the request's host), lastmod."""
        pages = list(self.paginator.page(page).object_list)
        own_entries = self.entries_by_their_models(pages)
        urls = []
        for item in pages:
            if item.pk in own_entries:
                urls.extend(own_entries[item.pk])
                continue
            location = item.get_full_url(self.request)
            if location:
                urls.append({"location": location, "lastmod": self.lastmod(item)})
        lastmods = [url.get("lastmod") for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def entries_by_their_models(self, pages):
        """{page id: its get_sitemap_urls()} for the pages whose type decides itself."""
        from django.contrib.contenttypes.models import ContentType

        ids_by_type = defaultdict(set)
        for item in pages:
            ids_by_type[item.content_type_id].add(item.pk)
        entries = {}
        for content_type_id, ids in ids_by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not decides_itself(model):
                continue
            details = [
                relation.name
                for relation in model._meta.related_objects
                if relation.one_to_one and not relation.parent_link
            ]
            # The pages of one sitemap page lie between its first and last path: a range
            # instead of up to 50,000 ids in an IN list (SQLite allows 32,766).
            specifics = (
                model.objects.filter(path__range=(pages[0].path, pages[-1].path))
                .select_related(*details)
                .defer_streamfields()
            )
            for specific in specifics:
                if specific.pk in ids:
                    entries[specific.pk] = specific.get_sitemap_urls(self.request)
            for missing in ids - entries.keys():
                entries[missing] = []
        return entries


def sitemap(request):
    """The sitemap; past 50,000 pages an index of its parts, which are `?p=1`, `?p=2` ..."""
    pages = PageSitemap(request)
    if "p" in request.GET or pages.paginator.num_pages <= 1:
        return sitemap_view(request, {"pages": pages})
    location = request.build_absolute_uri(request.path)
    latest = pages.get_latest_lastmod()
    parts = [
        SitemapIndexItem(f"{location}?p={number}", latest) for number in pages.paginator.page_range
    ]
    response = TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": parts},
        content_type="application/xml",
        headers={"Last-Modified": http_date(latest.timestamp())} if latest else None,
    )
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
