import pytest
from django.http import HttpResponse

from route2020.core.cache import ScopedResponse, invalidate_scope, scope_page


@pytest.fixture
def committed(db, django_capture_on_commit_callbacks):
    """invalidate_scope() moves the scope once the change is committed."""

    def run(scope):
        with django_capture_on_commit_callbacks(execute=True):
            invalidate_scope(scope)

    return run


def test_a_scoped_page_is_fresh_until_its_scope_moves(rf, committed):
    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:1")
    stored = ScopedResponse(HttpResponse("2 plaatsen vrij"), *request._page_cache_scope)
    assert stored.fresh()
    committed("event:2")  # another event
    assert stored.fresh()
    committed("event:1")
    assert not stored.fresh()


def test_a_change_while_the_page_renders_leaves_its_copy_stale(rf, committed):
    """The scope's generation is read before rendering: a registration during the render
    makes the stored copy stale, so it is never served as fresh."""
    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:3")
    committed("event:3")  # a registration while the page is being rendered
    stored = ScopedResponse(HttpResponse("2 plaatsen vrij"), *request._page_cache_scope)
    assert not stored.fresh()


def test_the_scope_moves_only_once_the_change_is_committed(
    rf, db, django_capture_on_commit_callbacks
):
    """Moved before the commit, a request reading the old data could store it as fresh."""
    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:4")
    stored = ScopedResponse(HttpResponse("2 plaatsen vrij"), *request._page_cache_scope)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidate_scope("event:4")
        assert stored.fresh()  # not committed yet
    for callback in callbacks:
        callback()
    assert not stored.fresh()
