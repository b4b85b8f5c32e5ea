"""Page queries every listing shares."""

from django.core.cache import cache

from . import cache as page_cache


def restricted_paths():
    """Tree paths of pages with a view restriction, cached per content generation.

    Wagtail's `.public()` asks the database for the restrictions on every call; a listing page
    that shows four sections would ask four times. Restrictions are rare and change seldom.
    """
    from wagtail.models import PageViewRestriction

    key = f"restricted-paths:{page_cache.generation()}"
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, 60 * 60)
    return paths


def public(queryset):
    """Like `PageQuerySet.public()`, without a query of its own once the cache is warm."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def index_url(model):
    """URL of the live index page of a section (news, Reisflitsen, ...), cached per generation."""
    key = f"index-url:{model._meta.label_lower}:{page_cache.generation()}"
    url = cache.get(key)
    if url is None:
        page = model.objects.live().only("url_path", "path", "depth").first()
        url = page.url if page else ""
        cache.set(key, url, 60 * 60)
    return url


def with_generation(components):
    """A page's `get_cache_key_components()` plus the content generation.

    `{% wagtailpagecache %}` varies on `page.cache_key`, which changes when that page is
    published. A fragment also shows other pages (breadcrumb titles, rich-text links, listed
    items); with the generation in the key, any publish, move or restriction change elsewhere
    renews it too, exactly like the anonymous page cache.
    """
    return [*components, page_cache.generation()]
