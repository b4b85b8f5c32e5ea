"""Reads from the replicas, writes to the primary (DATABASE_REPLICA_URLS).

A read goes to the primary when it belongs to something that writes: inside a transaction
(a service reads what it is about to change, under its locks), after a write in the same
request or task, in a request that may write (PrimaryAfterWriteMiddleware), and in every
migration. Everything else, most of all anonymous page views, reads from a replica.
"""

import contextvars
import random

from django.conf import settings
from django.db import connections

use_primary = contextvars.ContextVar("route2020_use_primary", default=False)
_outer = contextvars.ContextVar("route2020_use_primary_outer", default=())


def start_task(**kwargs):
    """A task starts reading from the replicas again, whatever the previous one wrote."""
    _outer.set((*_outer.get(), use_primary.get()))
    use_primary.set(False)


def finish_task(**kwargs):
    """Back to what the code around the task had (a task run inline, as in tests)."""
    outer = _outer.get()
    if outer:
        _outer.set(outer[:-1])
        use_primary.set(outer[-1])


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if use_primary.get() or connections["default"].in_atomic_block:
            return "default"
        return random.choice(settings.DATABASE_REPLICAS)  # noqa: S311 - spreading load

    def db_for_write(self, model, **hints):
        use_primary.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
