"""What the listing keeps between requests: facet counts and ranked search ids.

Both are the parts of the listing whose cost grows with the number of practices. They only
change when a practice is published, unpublished, deleted or adopted, so they are keyed on a
generation of their own, not on the page cache's (which also moves for news, events,
images, ...): a news item does not make the next visitor of the listing wait for the counts
of 100,000 practices.

After the generation moves, a task computes the counts of the listings most visitors open
(no filter, and each single theme, province, kind and status), so the first visitor after a
publish does not pay for them either. Until that task (or, for any other listing, a refresh
task of its own) has stored the new counts, a visitor is shown the counts of the previous
generation: at most the few practices published meanwhile off, for the seconds the worker
takes (stale while revalidate). Without a task worker (`PRACTICES_WARM_LISTING = False`) the
counts are computed in the request, as before.

The same task ranks again the searches visitors asked before the publish (at most
`PRACTICES_WARM_SEARCHES`, the most recently and most often asked: `record_search`), with
their filters and sort, and counts their facets: the first search after a publish finds its
ranked ids and counts ready, like the common listings.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from route2020.core.cache import bump_counter, read_counter

GENERATION_KEY = "practices:generation"
SEARCHES_KEY = "practices:searches"
SECONDS = 3600
# The last value of a listing's counts, whatever its generation, to show while the current
# generation's is computed by the worker.
LATEST_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


def generation():
    return read_counter(GENERATION_KEY)


def invalidate(**kwargs):
    """Move the generation now and, inside a transaction, once more when it commits (as
    route2020.core.cache.invalidate): counts read by another request while the transaction
    is open are of the practices before it, and are kept under the in-between generation
    only. One move and one warm-up after the commit, however many practices it saved."""
    using = kwargs.get("using") or "default"
    bump_counter(GENERATION_KEY)
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _enqueue_warm_up()
        return
    move = getattr(connection, "route2020_practices_move", None)
    if move is None or move.done:
        move = connection.route2020_practices_move = _MoveOnCommit()
    transaction.on_commit(move, using=using)


class _MoveOnCommit:
    """The move after a commit: every invalidation in the transaction registers it (a
    savepoint rolled back drops its own), the first to run moves the generation."""

    done = False

    def __call__(self):
        if not self.done:
            self.done = True
            bump_counter(GENERATION_KEY)
            _enqueue_warm_up()


def _enqueue_warm_up():
    if not getattr(settings, "PRACTICES_WARM_LISTING", True):
        return
    current = generation()
    # One warm-up per generation, however many practices a single action saved.
    if cache.add(f"practices:warming:{current}", True, SECONDS):
        warm_listing.enqueue(current)


def _digest(parts):
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def cached(kind, parts, compute, *, current=None, refresh=None, stale=None):
    """`compute()`'s value, kept until the generation moves.

    With `refresh` (the arguments of `refresh_facets`) and the warm-up switched on, a miss
    right after a publish is answered with the value of an earlier generation, and the task
    queue computes the current one: the visitor does not wait for it. `stale()` is called
    then, so what shows that value is not kept as if it were current.
    """
    current = current or generation()
    key = f"practices:{kind}:{_digest((current, *parts))}"
    if refresh is None or not getattr(settings, "PRACTICES_WARM_LISTING", True):
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, SECONDS)
        return value
    latest_key = f"practices:{kind}:latest:{_digest(parts)}"
    found = cache.get_many([key, latest_key])
    value = found.get(key)
    if value is not None:
        return value
    latest = found.get(latest_key)
    if latest is not None:
        if cache.add(f"practices:refreshing:{current}:{_digest(parts)}", True, SECONDS):
            refresh_facets.enqueue(*refresh, current)
        # An immediate task backend (tests, development) has computed it by now.
        value = cache.get(key)
        if value is not None:
            return value
        if stale is not None:
            stale()
        return latest
    value = compute()
    store_latest(kind, parts, current, value)
    return value


def store_latest(kind, parts, current, value):
    """Keep `value` as the current generation's and as the latest (the warm-up's results)."""
    cache.set(f"practices:{kind}:{_digest((current, *parts))}", value, SECONDS)
    cache.set(f"practices:{kind}:latest:{_digest(parts)}", value, LATEST_SECONDS)


def warm_searches_limit():
    return getattr(settings, "PRACTICES_WARM_SEARCHES", 10)


def record_search(params, current):
    """Remember that the search at ?<params> (filters, `q`, `sort`; no page) was asked in
    generation `current`, for the warm-up after the next publish. Called when a process
    builds that search's listing (once per process and content generation, not on every
    request). At most four times `PRACTICES_WARM_SEARCHES` searches are remembered, the most
    recently asked first; two processes recording at the same moment may lose one ask."""
    limit = warm_searches_limit()
    if not limit or not getattr(settings, "PRACTICES_WARM_LISTING", True):
        return  # no warm-up: nothing to remember for it
    asked = cache.get(SEARCHES_KEY) or {}
    key = tuple(sorted(params.items()))
    asks, _last = asked.get(key, (0, current))
    asked[key] = (asks + 1, current)
    if len(asked) > 4 * limit:
        asked = dict(_most_asked(asked)[: 4 * limit])
    cache.set(SEARCHES_KEY, asked, LATEST_SECONDS)


def _most_asked(asked):
    """Last asked in the latest generation first, then the most often asked."""
    return sorted(asked.items(), key=lambda item: (item[1][1], item[1][0]), reverse=True)


def searches_to_warm():
    """The params of the searches the warm-up ranks again: at most
    `PRACTICES_WARM_SEARCHES`."""
    limit = warm_searches_limit()
    if not limit:
        return []
    asked = cache.get(SEARCHES_KEY) or {}
    return [dict(key) for key, _asks in _most_asked(asked)[:limit]]


def connect_invalidation():
    """A practice's publication, unpublication, deletion or adoption changes the counts, and
    so does a view restriction (the listing counts public practices only)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished

    from .models import Adoption, PracticePage

    page_published.connect(invalidate, sender=PracticePage, dispatch_uid="practices-published")
    page_unpublished.connect(invalidate, sender=PracticePage, dispatch_uid="practices-unpublished")
    post_delete.connect(invalidate, sender=PracticePage, dispatch_uid="practices-deleted")
    post_save.connect(invalidate, sender=Adoption, dispatch_uid="practices-adopted")
    post_delete.connect(invalidate, sender=Adoption, dispatch_uid="practices-unadopted")
    for signal, name in ((post_save, "restricted"), (post_delete, "unrestricted")):
        signal.connect(invalidate, sender=PageViewRestriction, dispatch_uid=f"practices-{name}")


def warm_up_combinations():
    """The listings most visitors open: no filter, and one theme, province, kind, status or
    evidence level."""
    from route2020.core.models import Province
    from route2020.themes.models import ThemePage

    from .models import EvidenceLevel, Kind, Status

    yield {}
    for slug in ThemePage.objects.live().values_list("slug", flat=True):
        yield {"thema": slug}
    for slug in Province.objects.values_list("slug", flat=True):
        yield {"provincie": slug}
    for value in Kind.values:
        yield {"soort": value}
    for value in Status.values:
        yield {"status": value}
    for value in EvidenceLevel.values:
        yield {"bewijsniveau": value}


@task()
def warm_listing(for_generation):
    """Compute the facet counts of the common listings for this generation, then rank again
    (and count) the searches asked before (`searches_to_warm`); stop as soon as a newer
    generation exists (its own warm-up takes over). The number of listings warmed."""
    from .listing import facet_counts_for

    warmed = searches = 0
    for params in warm_up_combinations():
        if generation() != for_generation:
            return warmed
        facet_counts_for(params, current=for_generation, recompute=True)
        warmed += 1
    for params in searches_to_warm():
        if generation() != for_generation:
            break
        facet_counts_for(params, current=for_generation, recompute=True)
        searches += 1
    logger.info("practices listing: %s facet counts and %s searches warmed", warmed, searches)
    return warmed + searches


@task()
def refresh_facets(params, for_generation):
    """Compute the facet counts of the listing at ?<params> for this generation (a listing
    the warm-up does not cover, asked for after a publish); nothing when it is already old."""
    from .listing import facet_counts_for

    if generation() != for_generation:
        return False
    facet_counts_for(params, current=for_generation, recompute=True)
    return True
