"""/gezondheid/ (and /health/): the state of the database, the cache and the task queue.

For a load balancer and for monitoring. It answers before the host check, the HTTPS
redirect and the page cache (first in MIDDLEWARE), is never cached, and tells states,
counts and timings only: no address, name or version of anything. 503 when the database,
the cache or the queue cannot be reached; a queue without a live worker while tasks wait
is "degraded" (200: the app server itself serves pages), for monitoring to alert on.
"""

import time
import uuid
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from . import recovery, workers

PATHS = ("/gezondheid/", "/health/")
# Tasks waiting longer than this with no worker alive make the queue "degraded".
STALE_QUEUE_SECONDS = 5 * 60


def _timed(check):
    started = time.perf_counter()
    try:
        result = check() or {}
        status = result.pop("status", "ok")
    except Exception:  # noqa: BLE001 - any failure is "down"; details go to the log only
        import logging

        logging.getLogger(__name__).exception("Health check failed")
        result, status = {}, "down"
    return {"status": status, "ms": round((time.perf_counter() - started) * 1000, 1), **result}


def check_database(alias):
    def check():
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    return check


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        return {"status": "down"}


def check_tasks():
    kind = recovery.backend_kind()
    if kind == "database":
        waiting, oldest, live = _database_queue()
    elif kind == "rq":
        waiting, oldest, live = _rq_queue()
    else:
        return {"backend": kind}
    status = "ok"
    if waiting and not live and oldest is not None and oldest > STALE_QUEUE_SECONDS:
        status = "degraded"
    return {
        "status": status,
        "backend": kind,
        "waiting": waiting,
        "oldest_waiting_seconds": None if oldest is None else round(oldest),
        "workers": live,
    }


def _database_queue():
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult

    from .models import WorkerProcess

    now = timezone.now()
    ready = DBTaskResult.objects.ready().filter(backend_name=recovery.backend().alias)
    summary = ready.aggregate(oldest=Min("enqueued_at"))
    waiting = ready.count()
    oldest = (now - summary["oldest"]).total_seconds() if summary["oldest"] else None
    heartbeats = dict(WorkerProcess.objects.values_list("worker_id", "seen_at"))
    live = sum(
        recovery.database_worker_alive(worker_id, heartbeats, now) for worker_id in heartbeats
    )
    return waiting, oldest, live


def aware(moment):
    """RQ's times are in UTC, with or without a zone depending on its version."""
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _rq_queue():
    from rq.worker import Worker

    waiting, oldest, live = 0, None, 0
    now = timezone.now()
    for queue in recovery.rq_queues(recovery.backend()):
        waiting += queue.count
        job_ids = queue.get_job_ids(0, 1)  # the oldest
        job = queue.fetch_job(job_ids[0]) if job_ids else None
        if job is not None and job.enqueued_at:
            age = (now - aware(job.enqueued_at)).total_seconds()
            oldest = age if oldest is None else max(oldest, age)
        live += sum(
            1
            for worker in Worker.all(queue=queue)
            if worker.last_heartbeat is None
            or aware(worker.last_heartbeat) >= now - workers.dead_after()
        )
    return waiting, oldest, live


def report():
    checks = {"database": _timed(check_database("default"))}
    for alias in getattr(settings, "DATABASE_REPLICAS", []):
        checks[alias] = _timed(check_database(alias))
    checks["cache"] = _timed(check_cache)
    checks["tasks"] = _timed(check_tasks)
    down = any(check["status"] == "down" for check in checks.values())
    degraded = any(check["status"] == "degraded" for check in checks.values())
    status = "down" if down else "degraded" if degraded else "ok"
    return {"status": status, "checks": checks}


@never_cache
def health(request):
    body = report()
    response = JsonResponse(body, status=503 if body["status"] == "down" else 200)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in PATHS and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
