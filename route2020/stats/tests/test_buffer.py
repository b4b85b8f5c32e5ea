"""A page view is counted in process memory and reaches the cache in batches (issue 14): no
cache call per view, nothing lost when a batch comes late, nothing personal kept."""

import datetime
import time

import pytest
from django.core.cache import cache

from route2020.stats import buffer, services
from route2020.stats.models import PageView

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 6)


@pytest.fixture
def cache_calls(monkeypatch):
    """Every cache write the statistics make."""
    calls = []
    for name in ("incr", "add", "set"):
        original = getattr(cache, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(buffer.cache, name, spy, raising=False)
    return calls


def test_page_views_touch_the_cache_only_once_per_batch(home, client, cache_calls, monkeypatch):
    monkeypatch.setattr(buffer, "DRAIN_COUNTS", 5)
    client.get("/")  # the miss stores the page
    cache_calls.clear()
    for _ in range(3):
        assert client.get("/")["X-Page-Cache"] == "hit"
    assert cache_calls == []  # counted in this process only
    client.get("/")  # the fifth count drains the batch: one counter for "/"
    assert cache_calls.count("incr") + cache_calls.count("add") >= 1
    assert buffer.pending.counts == {}
    assert services.statistics_flush(moment=time.time() + 3 * buffer.SLOT_SECONDS) == 1
    assert PageView.objects.get(path="/").views == 5


def test_a_batch_drained_after_its_slot_was_written_is_not_lost(db, monkeypatch):
    from route2020.stats.models import FlushState

    clock = [time.time()]
    monkeypatch.setattr(buffer, "now", lambda: clock[0])
    buffer.add("view", DAY, "/nieuws/")
    buffer.add("view", DAY, "/nieuws/")
    counted_in = buffer.slot_of()
    kept = buffer.pending.take()  # still in a web process while the task worker flushes
    clock[0] += 3 * buffer.SLOT_SECONDS
    services.statistics_flush()
    assert FlushState.objects.get().flushed_through >= counted_in
    buffer.pending.counts.update(kept)
    buffer.drain()  # the web process's regular drain, after its slot was written
    clock[0] += 3 * buffer.SLOT_SECONDS
    services.statistics_flush()
    row = PageView.objects.get(path="/nieuws/")
    assert (row.day, row.views) == (DAY, 2)  # counted, for its own day


def test_a_drain_the_cache_refuses_keeps_the_counts(db, monkeypatch):
    buffer.add("view", DAY, "/", moment=time.time())

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(buffer, "_write", down)
    with pytest.raises(ConnectionError):
        buffer.drain()
    monkeypatch.undo()
    assert sum(buffer.pending.counts.values()) == 1
    services.statistics_flush(moment=time.time() + 3 * buffer.SLOT_SECONDS)
    assert PageView.objects.get(path="/").views == 1


def test_a_drain_cut_off_halfway_counts_nothing_twice(db, monkeypatch):
    """The cache goes away after some counts were written: those are in the cache, only the
    rest is kept for the next drain."""
    now = time.time()
    buffer.add("view", DAY, "/eerste/", moment=now)
    buffer.add("view", DAY, "/tweede/", moment=now)
    original = buffer._write
    written = []

    def once_then_down(*args):
        if written:
            raise ConnectionError("cache down")
        written.append(args)
        return original(*args)

    monkeypatch.setattr(buffer, "_write", once_then_down)
    with pytest.raises(ConnectionError):
        buffer.drain()
    monkeypatch.undo()
    assert sum(buffer.pending.counts.values()) == 1  # only the one not written
    services.statistics_flush(moment=now + 3 * buffer.SLOT_SECONDS)
    assert sorted(PageView.objects.values_list("path", "views")) == [
        ("/eerste/", 1),
        ("/tweede/", 1),
    ]


def test_the_flush_drains_this_process_first(db):
    now = time.time()
    buffer.add("view", DAY, "/over/", moment=now)
    assert buffer.pending.counts  # not in the cache yet
    assert services.statistics_flush(moment=now + 3 * buffer.SLOT_SECONDS) == 1
    assert PageView.objects.get(path="/over/").views == 1


def test_a_clean_exit_drains(db):
    import atexit  # noqa: F401 - the drain is registered with it at import

    buffer.add("view", DAY, "/exit/", moment=time.time())
    buffer.pending.drain_quietly()  # what atexit runs
    assert buffer.pending.counts == {}
    assert services.statistics_flush(moment=time.time() + 3 * buffer.SLOT_SECONDS) == 1


def test_a_forked_process_does_not_drain_its_parent_s_counts(db):
    """gunicorn forks its workers (with --preload after the app is loaded): what the parent
    counted is the parent's to drain, or it would count once per worker."""
    import os

    buffer.add("view", DAY, "/ouder/", moment=time.time())
    child = os.fork()
    if child == 0:  # the child: report through the exit status only
        os._exit(0 if buffer.pending.counts == {} and not buffer.pending.lock.locked() else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert sum(buffer.pending.counts.values()) == 1  # still the parent's


def test_the_process_keeps_no_ip_address_user_agent_or_cookie(home, consenting_client):
    agent = "Mozilla/5.0 (X11; Linux x86_64) UniekeBrowser/98.7"
    consenting_client.get("/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=agent)
    consenting_client.get("/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=agent)
    from route2020.stats import counting

    kept = repr(buffer.pending.counts) + repr(buffer.pending.seen) + repr(counting._PEOPLE)
    statistics_id = consenting_client.cookies["r2020_statistiek"].value
    for secret in ("203.0.113.77", "UniekeBrowser", "Mozilla", statistics_id):
        assert secret not in kept
