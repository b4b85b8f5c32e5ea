"""The embedded cache remembers counters only while nobody else wrote (core/embedded_cache.py):
the page cache's generation, read once per request, must move for every process at once."""

import threading

import pytest

from route2020.core.embedded_cache import EmbeddedCache


def embedded(directory):
    return EmbeddedCache(str(directory), {"SHARDS": 2, "TIMEOUT": 60})


@pytest.fixture
def two_processes(tmp_path):
    """Two caches on one folder: two connections, as two gunicorn workers have."""
    first, second = embedded(tmp_path), embedded(tmp_path)
    yield first, second
    first.close_connections()
    second.close_connections()


def test_a_counter_moved_elsewhere_is_seen_at_once(two_processes):
    first, second = two_processes
    second.set("generation", 1, None)
    assert first.get_counter("generation") == 1
    assert first.get_counter("generation") == 1  # from memory
    second.incr("generation")
    assert first.get_counter("generation") == 2
    second.set("generation", 7, None)
    assert first.get_counter("generation") == 7
    second.delete("generation")
    assert first.get_counter("generation") is None


def test_a_counter_moved_by_the_same_connection_is_seen_at_once(two_processes):
    first, _second = two_processes
    first.set("generation", 1, None)
    assert first.get_counter("generation") == 1
    first.incr("generation")  # the own connection: data_version does not move
    assert first.get_counter("generation") == 2
    first.clear()
    assert first.get_counter("generation") is None
    first.add("generation", 5, None)
    assert first.get_counter("generation") == 5


def test_a_counter_moved_by_another_thread_is_seen_at_once(two_processes):
    first, _second = two_processes
    first.set("generation", 1, None)
    assert first.get_counter("generation") == 1
    thread = threading.Thread(target=first.incr, args=("generation",))
    thread.start()
    thread.join()
    assert first.get_counter("generation") == 2


def test_an_expired_value_is_not_remembered(two_processes, monkeypatch):
    import time

    first, _second = two_processes
    first.set("short", 1, 30)
    assert first.get_counter("short") == 1
    later = time.time() + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert first.get_counter("short") is None


def test_the_page_cache_generation_moves_with_another_process(tmp_path, monkeypatch):
    """What a publish in one gunicorn worker does to the pages another one serves."""
    import subprocess
    import sys

    from route2020.core import cache as page_cache

    mine = embedded(tmp_path)
    monkeypatch.setattr(page_cache, "cache", mine)
    try:
        before = page_cache.read_counter(page_cache.GENERATION_KEY)
        assert page_cache.read_counter(page_cache.GENERATION_KEY) == before
        script = (
            "import sys\n"
            "from route2020.core.embedded_cache import EmbeddedCache\n"
            "cache = EmbeddedCache(sys.argv[1], {'SHARDS': 2})\n"
            "cache.incr(sys.argv[2])\n"
        )
        key = page_cache.GENERATION_KEY
        subprocess.run([sys.executable, "-c", script, str(tmp_path), key], check=True)
        assert page_cache.read_counter(page_cache.GENERATION_KEY) == before + 1
        page_cache.bump_counter(page_cache.GENERATION_KEY)  # in this process
        assert page_cache.read_counter(page_cache.GENERATION_KEY) == before + 2
    finally:
        mine.close_connections()
