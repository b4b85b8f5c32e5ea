"""The embedded cache (python-diskcache in SQLite files, the default without Redis), kept open.

Django closes every cache at the end of each request (`request_finished` → `close()`). For
diskcache that closes a SQLite connection per shard the request touched, and closing the last
connection to a WAL database checkpoints it and deletes its -wal and -shm files; the next
request opens them again, with diskcache's PRAGMAs on each. On the home page that was most of
an uncached request's time (bench/profile_page.py: 62 SQLite statements and 5 closes a
request, none of them the site's own database). The connections stay open for the life of the
process instead: diskcache keeps one per thread and opens new ones in a forked process
(gunicorn's workers), and SQLite checkpoints the WAL by itself as it grows.

`get_counter()` reads a counter every request asks for (the page cache's generation) from
memory while its shard's SQLite file has not changed: SQLite's `PRAGMA data_version` tells a
connection whether another connection (another thread or process) has committed to the file
since it last asked. What this thread's own connection writes does not move it, so every
write through this cache forgets what the thread remembers. A page served from the page cache
then reads the cache once, for the page itself.
"""

import sqlite3
import threading
import time

from diskcache import DjangoCache


class EmbeddedCache(DjangoCache):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._counters = threading.local()
        self._shards_of = {}  # key -> (full key, its shard): the same for the process's life

    def close(self, **kwargs):
        """Keep the connections for the next request (see the module's docstring)."""

    def close_connections(self):
        """Close this thread's SQLite connections (a test's cache in a folder of its own)."""
        self.forget_counters()
        self._cache.close()

    # --- counters read from memory while nobody else wrote ------------------------------------

    def _remembered(self):
        remembered = getattr(self._counters, "values", None)
        if remembered is None:
            remembered = self._counters.values = {}
        return remembered

    def forget_counters(self):
        self._counters.values = {}

    def get_counter(self, key, version=None):
        """`get(key)`, from this thread's memory while no other connection has written to the
        key's shard (and the value has not expired). None when missing (not remembered)."""
        placed = self._shards_of.get(key) if version is None else None
        if placed is None:
            full_key = self.make_key(key, version=version)
            fanout = self._cache
            placed = (full_key, fanout._shards[fanout._hash(full_key) % fanout._count])
            if version is None and len(self._shards_of) < 10_000:
                self._shards_of[key] = placed
        full_key, shard = placed
        try:
            connection = shard._con
            # Asked before the value is read: a write in between moves it for the next request.
            (data_version,) = connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.OperationalError:  # busy: read it as `get()` does (a miss at worst)
            return self.get(key, version=version)
        remembered = self._remembered()
        known = remembered.get(full_key)
        if (
            known is not None
            and known[0] is connection
            and known[1] == data_version
            and (known[3] is None or known[3] > time.time())
        ):
            return known[2]
        value, expire_time = self.get(key, version=version, expire_time=True)
        if value is None:
            remembered.pop(full_key, None)
        else:
            remembered[full_key] = (connection, data_version, value, expire_time)
        return value

    # Every write through this thread's own connection, which data_version does not show.
    def add(self, *args, **kwargs):
        self.forget_counters()
        return super().add(*args, **kwargs)

    def set(self, *args, **kwargs):
        self.forget_counters()
        return super().set(*args, **kwargs)

    def set_many(self, *args, **kwargs):
        self.forget_counters()
        return super().set_many(*args, **kwargs)

    def touch(self, *args, **kwargs):
        self.forget_counters()
        return super().touch(*args, **kwargs)

    def incr(self, *args, **kwargs):
        self.forget_counters()
        return super().incr(*args, **kwargs)

    def decr(self, *args, **kwargs):
        self.forget_counters()
        return super().decr(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.forget_counters()
        return super().delete(*args, **kwargs)

    def delete_many(self, *args, **kwargs):
        self.forget_counters()
        return super().delete_many(*args, **kwargs)

    def clear(self, *args, **kwargs):
        self.forget_counters()
        return super().clear(*args, **kwargs)

    def cull(self, *args, **kwargs):
        self.forget_counters()
        return super().cull(*args, **kwargs)

    def evict(self, *args, **kwargs):
        self.forget_counters()
        return super().evict(*args, **kwargs)

    def expire(self, *args, **kwargs):
        self.forget_counters()
        return super().expire(*args, **kwargs)

    def pop(self, *args, **kwargs):
        self.forget_counters()
        return super().pop(*args, **kwargs)
