import re
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

from route2020.core.cache import StoredPage, invalidate_scope, scope_page


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
    stored = StoredPage.of(HttpResponse("2 plaatsen vrij"), 600, request._page_cache_scope)
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
    stored = StoredPage.of(HttpResponse("2 plaatsen vrij"), 600, request._page_cache_scope)
    assert not stored.fresh()


def test_the_scope_moves_only_once_the_change_is_committed(
    rf, db, django_capture_on_commit_callbacks
):
    """Moved before the commit, a request reading the old data could store it as fresh."""
    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:4")
    stored = StoredPage.of(HttpResponse("2 plaatsen vrij"), 600, request._page_cache_scope)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidate_scope("event:4")
        assert stored.fresh()  # not committed yet
    for callback in callbacks:
        callback()
    assert not stored.fresh()


# --- query parameters in the key -------------------------------------------------------------


def page_entries():
    """The pages held in the (local memory) test cache."""
    from django.core.cache import cache

    return [key for key in cache._cache if re.search(r"pagecache:\d+:[0-9a-f]{40}$", key)]


def test_parameters_no_page_reads_add_no_entries(client, about):
    assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"
    stored = page_entries()
    assert len(stored) == 1
    for number in range(25):
        response = client.get(f"/over-route-2020/?utm_source=n{number}&fbclid={number}")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit"
    assert page_entries() == stored


def test_a_declared_parameter_the_page_does_not_read_is_not_stored(client, about):
    """`pagina` is read by listings, not by a content page: every value would otherwise add
    a copy of the same page."""
    client.get("/over-route-2020/")
    stored = page_entries()
    for number in range(5):
        assert client.get(f"/over-route-2020/?pagina={number}")["X-Page-Cache"] == "miss"
    assert page_entries() == stored


def test_a_parameter_the_page_reads_is_part_of_the_key(rf, db):
    from route2020.core.cache import AnonymousPageCacheMiddleware, read_query_parameters

    read_query_parameters("pagina")

    def listing(request):
        response = HttpResponse(f"pagina {request.GET.get('pagina', '1')}")
        response.cookies.clear()
        return response

    middleware = AnonymousPageCacheMiddleware(listing)

    def get(path):
        request = rf.get(path)
        request.user = AnonymousUser()
        response = middleware(request)
        return response.content.decode(), response["X-Page-Cache"]

    assert get("/lijst/?pagina=2") == ("pagina 2", "miss")
    assert get("/lijst/?pagina=2&utm_medium=mail") == ("pagina 2", "hit")
    assert get("/lijst/?pagina=3") == ("pagina 3", "miss")
    assert get("/lijst/") == ("pagina 1", "miss")
    assert get("/lijst/?pagina=3") == ("pagina 3", "hit")


def test_a_page_reading_an_undeclared_parameter_is_never_stored(rf, db, caplog, settings):
    """It would serve one visitor's `?geheim=` page to the next visitor without it."""
    from route2020.core.cache import AnonymousPageCacheMiddleware

    settings.PAGE_CACHE_STRICT = False  # production: a warning (the tests fail instead)

    def page(request):
        return HttpResponse(request.GET.get("geheim", "niets"))

    middleware = AnonymousPageCacheMiddleware(page)

    def get(path):
        request = rf.get(path)
        request.user = AnonymousUser()
        response = middleware(request)
        return response.content.decode(), response["X-Page-Cache"]

    assert get("/pagina/?geheim=42") == ("42", "miss")
    assert get("/pagina/") == ("niets", "miss")
    assert get("/pagina/") == ("niets", "miss")
    assert "geheim" in caplog.text


def test_in_the_tests_an_undeclared_parameter_fails_loudly(rf, db):
    from django.core.exceptions import ImproperlyConfigured

    from route2020.core.cache import AnonymousPageCacheMiddleware

    request = rf.get("/pagina/")
    request.user = AnonymousUser()
    middleware = AnonymousPageCacheMiddleware(lambda r: HttpResponse(r.GET.get("nieuw", "")))
    with pytest.raises(ImproperlyConfigured, match="nieuw"):
        middleware(request)


# --- the site-wide generation moves after the commit too --------------------------------------


def test_a_page_read_while_a_publish_is_uncommitted_is_not_kept(
    about, client, django_capture_on_commit_callbacks
):
    """A page rendered while the publishing transaction is still open is stored under the
    generation of that moment; the commit moves the generation again, so it is not served
    afterwards."""
    assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        about.title = "Over Route 2020 en verder"
        about.save_revision().publish()
        assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"
        assert client.get("/over-route-2020/")["X-Page-Cache"] == "hit"
    for callback in callbacks:  # the commit
        callback()
    assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"


def test_invalidate_outside_a_transaction_moves_the_generation_once(transactional_db):
    from route2020.core.cache import generation, invalidate

    before = generation()
    invalidate()
    assert generation() == before + 1


# --- a hit: a response of its own, from this process's copy while the shared one holds --------


def test_every_hit_is_a_response_of_its_own_with_its_request_id_and_the_policy(client, about):
    assert client.get("/over-route-2020/")["X-Page-Cache"] == "miss"
    first = client.get("/over-route-2020/")
    first["X-Alleen-Deze"] = "1"  # what is added to one answer stays on that answer
    second = client.get("/over-route-2020/")
    for hit in (first, second):
        assert hit["X-Page-Cache"] == "hit"
        assert "script-src 'self'" in hit["Content-Security-Policy"]
        assert "Over Route 2020" in hit.content.decode()
        assert not hit.cookies
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert "X-Alleen-Deze" not in second
    assert second.content == first.content


def test_a_publish_is_seen_at_once_although_the_process_kept_a_copy(client, about):
    client.get("/over-route-2020/")
    assert client.get("/over-route-2020/")["X-Page-Cache"] == "hit"
    about.title = "Over de Route"
    about.save_revision().publish()
    response = client.get("/over-route-2020/")
    assert response["X-Page-Cache"] == "miss"
    assert "Over de Route" in response.content.decode()


def test_the_process_copy_expires_with_the_shared_one(db):
    from django.core.cache import cache

    from route2020.core.cache import _remember, lookup

    expired = StoredPage(200, (), b"oud", expires=time.time() - 1)
    _remember("pagecache:1:verlopen", expired)
    assert lookup("pagecache:1:verlopen") is None
    cache.set("pagecache:1:geldig", StoredPage(200, (), b"nieuw", expires=time.time() + 60), 60)
    assert lookup("pagecache:1:geldig").content == b"nieuw"


def test_the_process_copy_of_a_scoped_page_goes_when_its_scope_moves(rf, committed):
    """A registration changes the places left on the event page at once, also in the
    processes that kept a copy of it."""
    from route2020.core.cache import lookup, store_page

    request = rf.get("/bijeenkomsten/alv/")
    scope_page(request, "event:5")
    page = StoredPage.of(HttpResponse("2 plaatsen vrij"), 600, request._page_cache_scope)
    store_page("pagecache:1:alv", page, 600)
    assert lookup("pagecache:1:alv") is page  # this process's copy
    committed("event:5")
    assert lookup("pagecache:1:alv") is None
