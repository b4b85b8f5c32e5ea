"""The embedded cache (python-diskcache's DjangoCache, in SQLite files): what the platform
asks of a cache, across processes. How its writes stay flat as it fills: bench/cache.py."""

import subprocess
import sys

import pytest
from django.utils.module_loading import import_string

from route2020.operations.tests.test_settings import load


@pytest.fixture
def embedded(monkeypatch, tmp_path):
    """The default cache exactly as the settings make it, in a folder of the test's own."""
    config = load(monkeypatch, CACHE_DIR=str(tmp_path / "cache"))["CACHES"]["default"]
    cache = import_string(config["BACKEND"])(config["LOCATION"], config)
    yield cache
    cache.close_connections()


def test_add_set_get_delete(embedded):
    assert embedded.add("sleutel", "eerste")
    assert not embedded.add("sleutel", "tweede")  # add never overwrites
    assert embedded.get("sleutel") == "eerste"
    embedded.set("sleutel", {"pagina": [1, 2]})
    assert embedded.get("sleutel") == {"pagina": [1, 2]}
    embedded.delete("sleutel")
    assert embedded.get("sleutel", "weg") == "weg"


def test_the_files_stay_open_when_a_request_finishes(embedded, monkeypatch):
    """Django closes every cache at the end of a request; reopening the SQLite files (and
    checkpointing them on close) cost most of an uncached page (core/embedded_cache.py)."""
    import sqlite3

    embedded.set("sleutel", "waarde")
    embedded.close()  # what request_finished does
    opened = []
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: opened.append(a) or connect(*a, **kw))
    assert embedded.get("sleutel") == "waarde"
    assert opened == []


def test_incr_counts_and_refuses_a_missing_key(embedded):
    """The page cache's generation counters and the rate limits depend on both."""
    with pytest.raises(ValueError):
        embedded.incr("teller")
    embedded.set("teller", 41, timeout=None)
    assert embedded.incr("teller") == 42
    assert embedded.get("teller") == 42


def test_entries_expire_after_their_timeout(embedded, monkeypatch):
    import diskcache.core

    embedded.set("kort", "even", timeout=60)
    embedded.set("lang", "blijft", timeout=None)
    now = diskcache.core.time.time()
    monkeypatch.setattr(diskcache.core.time, "time", lambda: now + 61)
    assert embedded.get("kort") is None
    assert embedded.get("lang") == "blijft"
    assert embedded.add("kort", "opnieuw")  # an expired key can be added again


def test_processes_share_it_and_their_increments_all_count(embedded, tmp_path):
    """Every gunicorn worker and the task worker use the same cache."""
    embedded.set("teller", 0, timeout=None)
    script = (
        "import sys, diskcache\n"
        "cache = diskcache.DjangoCache(sys.argv[1], {'SHARDS': 8, 'DATABASE_TIMEOUT': 0.25})\n"
        "for _ in range(200):\n"
        "    cache.incr('teller')\n"
        "cache.set('van-het-andere-proces', 'ja')\n"
    )
    other = subprocess.Popen([sys.executable, "-c", script, str(embedded.directory)])
    for _ in range(200):
        embedded.incr("teller")
    assert other.wait(timeout=60) == 0
    assert embedded.get("teller") == 400
    assert embedded.get("van-het-andere-proces") == "ja"


def test_a_full_cache_throws_out_old_entries_instead_of_growing(monkeypatch, tmp_path):
    config = load(monkeypatch, CACHE_DIR=str(tmp_path / "klein"), CACHE_SIZE_MB="1")["CACHES"][
        "default"
    ]
    cache = import_string(config["BACKEND"])(config["LOCATION"], config)
    page = "x" * 20_000
    for number in range(400):  # 8 MB of pages into a 1 MB cache
        cache.set(f"pagina-{number}", page)
    assert cache.get("pagina-399") == page
    assert cache.get("pagina-0") is None
    assert cache._cache.volume() < 2 * 2**20
    cache.close_connections()
