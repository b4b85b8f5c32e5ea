"""A page of a list whose number of items is kept per process (route2020.core.fragments).

A listing shown from a fragment needs its page number for the fragment's key before it
renders anything. Asked of the queryset, that costs the count on every request; asked of the
raw `?pagina=` value, every spelling (`01`, `x`, `9999`) would be a fragment of its own. Here
the count is kept (`fragments.memo`) for as long as what `vary` names holds (the page, and a
cache scope's counter where the list changes without a publish), the number is the one
`Paginator.get_page()` shows, and the page itself is read only when the fragment is made.
"""

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject

from . import fragments


def kept_page(request, name, vary, items, per_page, requested, seconds=None):
    """`(number, page)`: the number of the page `requested` shows (no query once the count
    is kept) and that page, lazily, without counting again. `items()` makes the queryset,
    only when it is asked (building one is work too). `seconds` limits how long the count is
    kept, for a list that also changes with time (events that end)."""
    count = fragments.memo(request, f"{name}-count", vary, lambda: items().count(), seconds)
    number = Paginator(range(count), per_page).get_page(requested).number

    def page():
        paginator = Paginator(items(), per_page)
        paginator.count = count  # a cached_property: set, it is not asked of the database
        return paginator.page(number)

    return number, SimpleLazyObject(page)
