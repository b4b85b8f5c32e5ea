"""Counts buffered in process memory, then in the cache, until a task writes them to the database.

A page view costs a dictionary increment in the process, no query and no cache call: a page
served from the page cache stays a cheap, cache-only request. Each process adds up its counts
and drains them into the shared cache in one batch every DRAIN_COUNTS counts or DRAIN_SECONDS
(at the request that reaches either, from a background thread when no request comes, and at a
clean exit of the process). What a process that is killed outright (SIGKILL, a crash, a power
cut) had not drained yet is lost: at most its last DRAIN_SECONDS of counting. The buffer keeps
the same things the cache does (a path, a search term, a visitor's keyed hash): never an IP
address or a user agent.

In the cache, time is cut into slots of SLOT_SECONDS; within a slot each thing counted (a
kind, a day, a value) has one counter, and the first time it is counted it is also listed under
the slot's next number, so the flush can find it without listing keys (the cache API cannot).
Only Django's cache API is used: increments are atomic on Redis, python-diskcache and the
local-memory cache; on Django's file cache two processes draining the same thing at the same
moment may lose a count.

The flush (services.statistics_flush) reads closed slots only and remembers in the database
up to which slot it has written, so a slot is never written twice. A count goes into the slot
of the moment it was counted, or, drained after that slot may have been written, into the
slot that is open at the drain (its day is kept with it, so it still counts for its own day).
A slot not flushed within KEEP_SECONDS is dropped by the cache.
"""

import atexit
import hashlib
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache

SLOT_SECONDS = 300
KEEP_SECONDS = 3 * 24 * 60 * 60
MAX_SLOTS = KEEP_SECONDS // SLOT_SECONDS
BATCH = 500
# A process drains its counts into the cache after this many, or this many seconds.
DRAIN_COUNTS = 500
DRAIN_SECONDS = 10
# Visitors seen today by this process (their first visit of the day is known to the cache).
MAX_SEEN = 100_000


def now():
    return time.time()


def slot_of(moment=None):
    return int((now() if moment is None else moment) // SLOT_SECONDS)


def _key(slot, part):
    return f"stats:{slot}:{part}"


def _incr(key, delta=1):
    """Add `delta` to the counter; returns its new value (== delta: this call made it)."""
    try:
        return cache.incr(key, delta)
    except ValueError:
        if cache.add(key, delta, KEEP_SECONDS):
            return delta
        return cache.incr(key, delta)


class ProcessBuffer:
    """This process's counts not yet in the cache: {(slot, kind, day, value): count}."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.added = 0
        self.drained_at = time.monotonic()
        self.seen = set()
        self.pid = None

    def add(self, slot, kind, day, value):
        key = (slot, kind, day, value)
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            self.added += 1
            due = self.added >= DRAIN_COUNTS or time.monotonic() - self.drained_at >= DRAIN_SECONDS
        if self.pid != os.getpid():
            self.started_in_process()
        if due:
            self.drain()

    def take(self):
        with self.lock:
            counts, self.counts = self.counts, {}
            self.added = 0
            self.drained_at = time.monotonic()
        return counts

    def drain(self, floor=None):
        """Add this process's counts to the cache. A count whose slot may have been written
        already (older than the open slot; or below `floor`, the first slot the flush has not
        written) goes into the open slot (into `floor`) instead, so it is never lost."""
        counts = self.take()
        if not counts:
            return
        if floor is None:
            floor = slot_of() - 1
        written = []
        try:
            for key, count in counts.items():
                slot, kind, day, value = key
                _write(max(slot, floor), kind, day, value, count)
                written.append(key)
        except Exception:
            # The cache cannot be reached: keep the counts not written yet for the next
            # drain (those written before it failed are in the cache: kept, they would count
            # twice).
            for key in written:
                del counts[key]
            with self.lock:
                for key, count in counts.items():
                    self.counts[key] = self.counts.get(key, 0) + count
            raise

    def discard(self):
        """Forget what this process counted (the tests: every test starts with none)."""
        self.take()
        with self.lock:
            self.seen = set()

    def seen_before(self, marker):
        """Whether this process has seen `marker` before (it is noted now); forgets them all
        once there are MAX_SEEN."""
        if marker in self.seen:
            return True
        with self.lock:
            if len(self.seen) >= MAX_SEEN:
                self.seen = set()
            self.seen.add(marker)
        return False

    def started_in_process(self):
        """The first count in this process (gunicorn forks its workers): a thread that drains
        while no request comes, and a drain at a clean exit."""
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()
        if getattr(settings, "STATS_DRAIN_THREAD", True):
            threading.Thread(target=self._drain_regularly, name="stats-drain", daemon=True).start()

    def forked(self):
        """In a process forked from this one: the counts not drained yet are the parent's
        (it drains them; here they would count twice), and a lock one of its threads held at
        the fork would stay held. The parent's drain thread does not run here: the first count
        starts one (`started_in_process`)."""
        self.lock = threading.Lock()
        self.counts = {}
        self.added = 0
        self.drained_at = time.monotonic()

    def _drain_regularly(self):
        while True:
            time.sleep(DRAIN_SECONDS)
            if time.monotonic() - self.drained_at >= DRAIN_SECONDS:
                self.drain_quietly()

    def drain_quietly(self):
        try:
            self.drain()
        except Exception:  # noqa: BLE001 - never fail an exit or the thread; kept for the next
            import logging

            logging.getLogger(__name__).exception("Statistieken niet naar de cache geschreven")


pending = ProcessBuffer()
atexit.register(pending.drain_quietly)
os.register_at_fork(after_in_child=pending.forked)


def _write(slot, kind, day, value, count):
    digest = hashlib.sha1(f"{kind}\n{day}\n{value}".encode(), usedforsecurity=False).hexdigest()
    if _incr(_key(slot, f"c:{digest}"), count) == count:
        number = _incr(_key(slot, "n"))
        cache.set(_key(slot, f"e:{number}"), (kind, day, value, digest), KEEP_SECONDS)


def add(kind, day, value, *, moment=None):
    """Count one `kind` ("view", "search", "visit") of `value` on `day`."""
    pending.add(slot_of(moment), kind, day.isoformat(), value)


def drain(floor=None):
    pending.drain(floor)


def first_today(name, day):
    """True the first time `name` is seen on `day` (kept two days)."""
    return cache.add(f"stats:seen:{day.isoformat()}:{name}", 1, 2 * 24 * 60 * 60)


def seen_in_process(marker):
    """Whether this process has seen `marker` (a hashable) before; see ProcessBuffer."""
    return pending.seen_before(marker)


def chunks(items, size=None):
    size = size or BATCH
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read(slots):
    """Everything counted in `slots`: {(kind, day, value): count}."""
    slots = list(slots)
    lengths = {}
    for chunk in chunks(slots):
        found = cache.get_many([_key(slot, "n") for slot in chunk])
        lengths.update({slot: found.get(_key(slot, "n"), 0) for slot in chunk})
    entry_keys = [
        _key(slot, f"e:{number}") for slot in slots for number in range(1, lengths[slot] + 1)
    ]
    totals = {}
    for chunk in chunks(entry_keys):
        entries = cache.get_many(chunk)
        counts = cache.get_many(
            [_key(key.split(":")[1], f"c:{entry[3]}") for key, entry in entries.items()]
        )
        for key, (kind, day, value, digest) in entries.items():
            count = counts.get(_key(key.split(":")[1], f"c:{digest}"), 0)
            if count:
                totals[(kind, day, value)] = totals.get((kind, day, value), 0) + count
    return totals


def forget(value):
    """A visitor who said "Nee" (or deleted their account): their buffered visits are
    dropped by the flush."""
    cache.set(f"stats:forgotten:{value}", 1, KEEP_SECONDS)


def forgotten(values):
    found = set()
    for chunk in chunks(values):
        keys = {f"stats:forgotten:{value}": value for value in chunk}
        found.update(keys[key] for key in cache.get_many(list(keys)))
    return found
