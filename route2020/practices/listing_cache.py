"""What the listing keeps between requests: facet counts and ranked search ids.

Both are the parts of the listing whose cost grows with the number of practices. They only
change when a practice is published, unpublished, deleted or adopted, so they are keyed on a
generation of their own, not on the page cache's (which also moves for news, events,
images, ...): a news item does not make the next visitor of the listing wait for the counts
of 100,000 practices.

After the generation moves, a task computes the counts of the listings most visitors open
(no filter, and each single theme, province, kind and status), so the first visitor after a
publish does not pay for them either.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from route2020.core.cache import bump_counter, read_counter

GENERATION_KEY = "practices:generation"
SECONDS = 3600
logger = logging.getLogger(__name__)


def generation():
    return read_counter(GENERATION_KEY)


def invalidate(**kwargs):
    bump_counter(GENERATION_KEY)
    if getattr(settings, "PRACTICES_WARM_LISTING", True):
        transaction.on_commit(_enqueue_warm_up)


def _enqueue_warm_up():
    current = generation()
    # One warm-up per generation, however many practices a single action saved.
    if cache.add(f"practices:warming:{current}", True, SECONDS):
        warm_listing.enqueue(current)


def cached(kind, parts, compute, *, current=None):
    """`compute()`'s value, kept until the generation moves."""
    source = repr((current or generation(), *parts))
    digest = hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()
    key = f"practices:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value


def connect_invalidation():
    """A practice's publication, unpublication, deletion or adoption changes the counts."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from .models import Adoption, PracticePage

    page_published.connect(invalidate, sender=PracticePage, dispatch_uid="practices-published")
    page_unpublished.connect(invalidate, sender=PracticePage, dispatch_uid="practices-unpublished")
    post_delete.connect(invalidate, sender=PracticePage, dispatch_uid="practices-deleted")
    post_save.connect(invalidate, sender=Adoption, dispatch_uid="practices-adopted")
    post_delete.connect(invalidate, sender=Adoption, dispatch_uid="practices-unadopted")


def warm_up_combinations():
    """The listings most visitors open: no filter, and one theme, province, kind or status."""
    from route2020.core.models import Province
    from route2020.themes.models import ThemePage

    from .models import Kind, Status

    yield {}
    for slug in ThemePage.objects.live().values_list("slug", flat=True):
        yield {"thema": slug}
    for slug in Province.objects.values_list("slug", flat=True):
        yield {"provincie": slug}
    for value in Kind.values:
        yield {"soort": value}
    for value in Status.values:
        yield {"status": value}


@task()
def warm_listing(for_generation):
    """Compute the facet counts of the common listings for this generation; stop as soon as
    a newer generation exists (its own warm-up takes over)."""
    from .listing import facet_counts_for

    warmed = 0
    for params in warm_up_combinations():
        if generation() != for_generation:
            break
        facet_counts_for(params, current=for_generation)
        warmed += 1
    logger.info("practices listing: %s facet counts warmed", warmed)
    return warmed
