"""Side effects of a task that happen once, even when the task runs again.

A task runs again when the worker running it died (`recovery` puts it back in the queue
with the same id). What the first run committed stays done, so every side effect that
cannot be undone is written down in the same transaction that makes it happen:
`send_once` inserts a `TaskMark` under a key made of the task's id, sends the mail, and
commits. A second run of the task finds the mark and skips the mail; a run killed before
its commit leaves no mark, so the mail is sent by the next run. On PostgreSQL two runs of
the same task (a worker wrongly thought dead) wait for each other on the mark's unique
key; on SQLite the transaction holds the database's write lock.

The one window left is between the mail server accepting the message and the commit (one
round trip): a worker killed exactly there sends that mail again on recovery. The message
then has the same Message-ID, which mail stores use to drop the duplicate.
"""

import contextvars
import hashlib
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction

# The ids of the tasks running in this thread, innermost last (the immediate backend of the
# tests runs a task queued by a task inside it).
_running = contextvars.ContextVar("route2020_running_tasks", default=())


def _task_started(sender, task_result, **kwargs):
    _running.set((*_running.get(), task_result.id))


def _task_finished(sender, task_result, **kwargs):
    running = _running.get()
    if running and running[-1] == task_result.id:
        _running.set(running[:-1])


def connect_task_signals():
    """Every backend (database, RQ, immediate) sends these around the task's own code."""
    from django_tasks.signals import task_finished, task_started

    task_started.connect(_task_started, dispatch_uid="route2020-task-started")
    task_finished.connect(_task_finished, dispatch_uid="route2020-task-finished")


def current_task_id():
    """The id of the task being run here, the same in every run of it; None outside a task."""
    running = _running.get()
    return running[-1] if running else None


def task_key(*parts):
    """A key for one side effect of the current task. Called outside a task (a management
    command calling the function directly) it is unique: nothing to repeat there."""
    return ":".join(str(part) for part in (current_task_id() or uuid.uuid4().hex, *parts))


def mark(key):
    """Write the mark for `key` in the current transaction; False when it exists already."""
    from .models import TaskMark

    try:
        with transaction.atomic():
            TaskMark.objects.create(key=key[:200])
    except IntegrityError:
        return False
    return True


def message_id(key):
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"<{digest}@{domain}>"


def send_once(message, *parts):
    """Send `message` unless this task sent it before; `parts` tell the task's mails apart.

    Returns whether it was sent now. A failing send raises and leaves no mark.
    """
    key = task_key("mail", *parts)
    message.extra_headers.setdefault("Message-ID", message_id(key))
    with transaction.atomic():
        if not mark(key):
            return False
        message.send()
    return True
