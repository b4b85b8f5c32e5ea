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


# --- one page by its key, without compiling the query every time --------------------------------

_BY_KEY = {}  # (model, database alias) -> (sql, converters, init_list, start, end)
_SENTINEL = -987_654_321  # stands for the key while the query is compiled once


def _compiled_by_key(model, db):
    entry = _BY_KEY.get((model, db))
    if entry is None:
        query = model._default_manager.using(db).filter(pk=_SENTINEL).order_by()[:1].query
        compiler = query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        if tuple(params) != (_SENTINEL,):  # a manager that filters: compiled per request
            return None
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        converters = compiler.get_converters([column[0] for column in select])
        entry = _BY_KEY[(model, db)] = (sql, converters, init_list, start, end)
    return entry


def page_by_key(model, pk):
    """`model._default_manager.filter(pk=pk).first()` (a specific page, fresh from the
    database), with the SQL compiled once per process and model.

    Compiling a page model's query (its table joined to every parent's, 50 columns) cost
    more than running it and building the page together: a third of what an uncached page
    took to find its page. The row becomes a page as Django's own ModelIterable makes one
    (its converters, `from_db`), so it is the same object the ORM would give."""
    from django.db import connections, router

    db = router.db_for_read(model)
    entry = _compiled_by_key(model, db)
    if entry is None:
        return next(iter(model._default_manager.filter(pk=pk).order_by()[:1]), None)
    sql, converters, init_list, start, end = entry
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(sql, (pk,))
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    # As SQLCompiler.apply_converters, with this thread's connection.
    for position, (functions, expression) in converters.items():
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return model.from_db(db, init_list, row[start:end])
