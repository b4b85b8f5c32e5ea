"""Filling the search index in bulk, for writes that skip the signals that index a page."""


def index_in_bulk(model, queryset, *, batch_size=500):
    """Add `queryset`, objects of `model`, to every auto-updated search backend in batches."""
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        batch = []
        for obj in queryset.iterator(chunk_size=batch_size):
            batch.append(obj)
            if len(batch) == batch_size:
                backend.add_bulk(model, batch)
                batch = []
        if batch:
            backend.add_bulk(model, batch)
