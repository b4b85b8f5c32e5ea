"""/sitemap.xml: every live, public page of the site, in the same few queries at any size.

Wagtail's own `Sitemap` loads every page as its specific model (one query per page type, and
here one more per Reisflits for its sending) and renders a template line per page: 415 queries
and 1.6 s for 1,200 pages. Here one row per page is enough: the URL comes from `url_path` and
the Site's root URL as `Page.get_full_url` builds it, lastmod from `last_published_at`, and the
XML is written directly (Django's sitemap template costs about 0.3 ms per URL, 15 s for a file
of 50,000).

Only page types that decide for themselves whether and where they are listed (they override
`get_sitemap_urls` or `get_url_parts`, like a Reisflits, online once its sending started) are
loaded as their own model and asked: one query per such type on each sitemap file, with their
one-to-one details (the Reisflits's dispatch) joined, so that asking costs no query per page.

Past 50,000 pages (the protocol's limit per file) /sitemap.xml is a sitemap index that lists
/sitemap.xml?p=1, ?p=2, ...
"""

import datetime
from collections import defaultdict
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import http_date

from . import fragments
from .pages import public

URLS_PER_FILE = 50_000
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def decides_itself(model):
    """Whether a page type has its own rule for its sitemap entries or its URL."""
    from wagtail.models import Page

    return (
        model.get_sitemap_urls is not Page.get_sitemap_urls
        or model.get_url_parts is not Page.get_url_parts
    )


def listed_pages(root):
    """Live, public pages from the site's root page down, in tree order."""
    return public(root.get_descendants(inclusive=True).live()).annotate(
        lastmod=Coalesce("last_published_at", "latest_revision_created_at")
    )


class Locations:
    """Full page URLs the way `Page.get_url_parts` builds them, without a Page per row."""

    def __init__(self, site):
        from wagtail.models import Site

        # Wagtail's order, with the request's own site first when a page is in more than one.
        self.roots = sorted(Site.get_site_root_paths(), key=lambda root: root.site_id != site.pk)
        self.append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)

    def __call__(self, url_path):
        for root in self.roots:
            if url_path.startswith(root.root_path):
                try:
                    path = reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
                except NoReverseMatch:
                    return None
                if not self.append_slash and path != "/":
                    path = path.rstrip("/")
                return root.root_url + path
        return None


def entries(request, rows):
    """(location, lastmod) of each row; the pages whose type decides itself are asked."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Site

    site = Site.find_for_request(request)  # cached on the request by CachedSiteMiddleware
    location = Locations(site)
    ids_by_type = defaultdict(set)
    for row in rows:
        ids_by_type[row.content_type].add(row.pk)
    own = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not decides_itself(model):
            continue
        details = [
            relation.name
            for relation in model._meta.related_objects
            if relation.one_to_one and not relation.parent_link
        ]
        # The rows of one file lie between its first and last path: a range, not up to
        # 50,000 ids in an IN list (SQLite allows 32,766 parameters).
        pages = (
            model.objects.filter(path__range=(rows[0].path, rows[-1].path))
            .select_related(*details)
            .defer_streamfields()
        )
        for page in pages:
            if page.pk in ids:
                own[page.pk] = [
                    (url["location"], url.get("lastmod")) for url in page.get_sitemap_urls(request)
                ]
        for missing in ids - own.keys():
            own[missing] = []
    for row in rows:
        if row.pk in own:
            yield from own[row.pk]
        else:
            url = location(row.url_path)
            if url:
                yield url, row.lastmod


def day(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def xml_response(body, latest):
    response = HttpResponse(body, content_type="application/xml")
    if latest:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap(request):
    """The sitemap; past 50,000 pages an index of its files, which are `?p=1`, `?p=2` ...

    Kept per process until the content generation moves (any publish, unpublish, move,
    restriction, site or Reisflits sending change: what decides which pages are listed), so
    only the first request after a change builds it. The language (the paths' prefix), the
    host and the scheme are part of the key; a `p` written other than as its plain number is
    not kept.
    """
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    number = request.GET.get("p")
    if number is not None and not (number.isdecimal() and number == str(int(number))):
        return xml_response(*build(request, site, number))
    # The index's links are absolute: the scheme is part of the key too.
    key = fragments.key_for(request, "sitemap", [site, number, request.scheme])
    entry = fragments.lookup(key) if fragments.enabled(request) else None
    if entry is None:
        body, latest = build(request, site, number)
        fragments.store(key, (body, latest), size=len(body))
    else:
        body, latest = entry[1]
    return xml_response(body, latest)


def build(request, site, number):
    """The sitemap's XML (as bytes) and the latest change it lists, for file `number` (the
    index when None and there is more than one file); Http404 for a file that is not there."""
    pages = listed_pages(site.root_page)
    rows = pages.order_by("path").values_list(
        "pk", "path", "url_path", "content_type", "lastmod", named=True
    )
    paginator = Paginator(rows, URLS_PER_FILE)
    if number is None and paginator.num_pages > 1:
        latest = pages.aggregate(latest=Max("lastmod"))["latest"]
        here = escape(request.build_absolute_uri(request.path))
        lastmod = f"<lastmod>{latest.isoformat()}</lastmod>" if latest else ""
        files = "".join(
            f"<sitemap><loc>{here}?p={file_number}</loc>{lastmod}</sitemap>\n"
            for file_number in paginator.page_range
        )
        body = f'{XML_HEAD}<sitemapindex xmlns="{NAMESPACE}">\n{files}</sitemapindex>\n'
        return body.encode(), latest
    try:
        rows = list(paginator.page(1 if number is None else number).object_list)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    urls, stamps = [], []
    for location, lastmod in entries(request, rows):
        if lastmod:
            urls.append(
                f"<url><loc>{escape(location)}</loc><lastmod>{day(lastmod)}</lastmod></url>"
            )
        else:
            urls.append(f"<url><loc>{escape(location)}</loc></url>")
        if isinstance(lastmod, datetime.datetime):
            stamps.append(lastmod)
    lines = "".join(f"{url}\n" for url in urls)
    body = f'{XML_HEAD}<urlset xmlns="{NAMESPACE}">\n{lines}</urlset>\n'
    # Like Django's sitemap view: Last-Modified only when every URL has a time.
    return body.encode(), max(stamps) if stamps and len(stamps) == len(urls) else None
