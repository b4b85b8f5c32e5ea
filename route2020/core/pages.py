"""Page queries every listing shares."""

from django.core.cache import cache

from . import cache as page_cache
from . import fragments


def restricted_paths():
    """Tree paths of pages with a view restriction, cached per content generation.

    Wagtail's `.public()` asks the database for the restrictions on every call; a listing page
    that shows four sections would ask four times. Restrictions are rare and change seldom.
    Kept in this process too (route2020.core.fragments.memo): no cache round trip per page.
    """
    return fragments.memo(None, "restricted-paths", (), _restricted_paths)


def _restricted_paths():
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
    """URL of the live index page of a section (news, Reisflitsen, ...), cached per generation
    (in this process too)."""
    return fragments.memo(None, "index-url", (model._meta.label_lower,), lambda: _index_url(model))


def _index_url(model):
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


def publish(page):
    """Save a revision and publish it, as an editor's "Publiceren" does."""
    page.save_revision().publish()
    return page


def child(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def tree_root():
    """Wagtail's root page; a database emptied by a test's flush gets it (and a locale) back."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    root = Page.get_first_root_node()
    if root is None:
        ContentType.objects.clear_cache()  # a flush gave the content types new ids
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root
