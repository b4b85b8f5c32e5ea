from django.http import HttpResponse

from route2020.core.cache import ScopedResponse, invalidate_scope, scope_page


def test_a_scoped_page_is_fresh_until_its_scope_moves(rf):
    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:1")
    stored = ScopedResponse(HttpResponse("2 plaatsen vrij"), *request._page_cache_scope)
    assert stored.fresh()
    invalidate_scope("event:2")  # another event
    assert stored.fresh()
    invalidate_scope("event:1")
    assert not stored.fresh()


def test_a_change_while_the_page_renders_leaves_its_copy_stale(rf):
    """The scope's generation is read before rendering: a registration during the render
    makes the stored copy stale, so it is never served as fresh."""
    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:3")
    invalidate_scope("event:3")  # a registration while the page is being rendered
    stored = ScopedResponse(HttpResponse("2 plaatsen vrij"), *request._page_cache_scope)
    assert not stored.fresh()
