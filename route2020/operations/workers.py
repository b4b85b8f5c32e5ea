"""Who runs the tasks, and whether they still live.

A worker's id says where it runs: `<machine>-<pid>-<process start>-<random>`, where
<machine> is a digest of the host name, the boot and the PID namespace (two containers on
one host are two machines). For a worker of this machine the recovery looks at the process
itself, so a worker restarted after a SIGKILL takes over its predecessor's tasks at once.
A worker elsewhere counts as dead when its heartbeat is older than TASK_WORKER_DEAD_AFTER:
the database queue keeps heartbeats in `WorkerProcess`, RQ in its own worker keys.
"""

import hashlib
import logging
import os
import secrets
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)


def _read(path):
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _ns_inode():
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return ""


def machine():
    """This machine and PID namespace, as 12 hex digits."""
    raw = "|".join([socket.gethostname(), _read("/proc/sys/kernel/random/boot_id"), _ns_inode()])
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]


def _process_stat(pid):
    """(state, start time in clock ticks) of a process on Linux; None when there is none."""
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return fields[0], fields[19]


def process_start(pid):
    stat = _process_stat(pid)
    return stat[1] if stat else "0"


def process_alive(pid, started):
    """Whether process `pid` runs and is the one that started at `started` (not a new
    process that got the same number)."""
    if Path("/proc/self/stat").exists():
        stat = _process_stat(pid)
        return stat is not None and stat[0] not in ("Z", "X") and stat[1] == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def new_worker_id():
    pid = os.getpid()
    return f"{machine()}-{pid}-{process_start(pid)}-{secrets.token_hex(4)}"


def parse_worker_id(worker_id):
    """(machine, pid, process start) of an id made by `new_worker_id`, else None."""
    parts = (worker_id or "").split("-")
    if len(parts) != 4 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


def local_verdict(worker_id):
    """True or False for a worker of this machine (alive or not); None for any other."""
    parsed = parse_worker_id(worker_id)
    if parsed is None or parsed[0] != machine():
        return None
    return process_alive(parsed[1], parsed[2])


def dead_after():
    return timedelta(seconds=settings.TASK_WORKER_DEAD_AFTER)


# --- the running worker ------------------------------------------------------------------


def register(worker_id):
    """The database queue's heartbeat row for this worker."""
    from .models import WorkerProcess

    parsed = parse_worker_id(worker_id)
    WorkerProcess.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "process_started": parsed[2] if parsed else "",
            "seen_at": timezone.now(),
        },
    )


def unregister(worker_id):
    from .models import WorkerProcess

    WorkerProcess.objects.filter(worker_id=worker_id).delete()


def beat(worker_id, rq_worker=None):
    from .models import WorkerProcess

    if rq_worker is not None:
        rq_worker.heartbeat(settings.TASK_WORKER_DEAD_AFTER + 60)
    else:
        WorkerProcess.objects.filter(worker_id=worker_id).update(seen_at=timezone.now())


def _keep_beating(worker_id, stop, rq_worker):
    """In a thread beside the worker: the heartbeat, and now and then the recovery of
    workers that died elsewhere. A task that runs long does not stop either."""
    from .recovery import recover_tasks

    interval = settings.TASK_WORKER_HEARTBEAT_SECONDS
    beats_per_recovery = max(1, settings.TASK_WORKER_DEAD_AFTER // (2 * interval))
    count = 0
    try:
        while not stop.wait(interval):
            count += 1
            close_old_connections()
            try:
                beat(worker_id, rq_worker)
                if count % beats_per_recovery == 0:
                    report = recover_tasks()
                    if report.get("requeued"):
                        logger.warning("Taken over from dead workers: %s", report)
            except Exception:  # noqa: BLE001 - a failing beat must not stop the worker
                logger.exception("Heartbeat of worker %s failed", worker_id)
    finally:
        connection.close()


@contextmanager
def running(worker_id, rq_worker=None):
    """Keep this worker's heartbeat while the block runs; gone when it ends."""
    if rq_worker is None:
        register(worker_id)
    stop = threading.Event()
    thread = threading.Thread(
        target=_keep_beating, args=(worker_id, stop, rq_worker), daemon=True, name="heartbeat"
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        if rq_worker is None:
            unregister(worker_id)
