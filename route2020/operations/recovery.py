"""Put the tasks of dead workers back in the queue.

Neither queue does this by itself. django-tasks-db marks a task RUNNING when a worker claims
it and leaves it so for ever when that worker is killed (django-tasks issue #46). RQ moves
a job whose worker vanished to its failed jobs once the job's own timeout has passed, and
runs it again only if it was queued with retries. Here a task whose worker is gone goes back
to the queue under its own id, so it runs again with the marks (`once`) of its first run;
every task is written to be run again (it reads the current state, and what it sends is
marked in the same transaction).

Runs when a worker starts (a worker of this machine that died is known dead at once), every
half TASK_WORKER_DEAD_AFTER inside every worker (workers that died elsewhere), and from
`manage.py recover_tasks`.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from . import workers

logger = logging.getLogger(__name__)

# A RUNNING task whose worker left no heartbeat (started by `db_worker` instead of
# `task_worker`, or from before this mechanism) is taken back only after this long.
UNKNOWN_WORKER_AFTER = timedelta(hours=1)
# Marks of tasks done longer ago than this are no longer needed: their tasks never run again.
MARKS_KEPT = timedelta(days=30)


def backend():
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    return task_backends[DEFAULT_TASK_BACKEND_ALIAS]


def backend_kind(task_backend=None):
    task_backend = task_backend or backend()
    module = type(task_backend).__module__
    if module.startswith("django_tasks_db"):
        return "database"
    if module.startswith("django_tasks_rq"):
        return "rq"
    return "other"


def recover_tasks():
    kind = backend_kind()
    report = {"requeued": 0, "dead_workers": 0}
    if kind == "database":
        report.update(_recover_database(backend()))
    elif kind == "rq":
        report.update(_recover_rq(backend()))
    from .models import TaskMark

    report["marks_pruned"], _ = TaskMark.objects.filter(
        created_at__lt=timezone.now() - MARKS_KEPT
    ).delete()
    return report


# --- the database queue ----------------------------------------------------------------------


def database_worker_alive(worker_id, heartbeats, now):
    verdict = workers.local_verdict(worker_id)
    if verdict is not None:
        return verdict
    seen_at = heartbeats.get(worker_id)
    return seen_at is not None and seen_at >= now - workers.dead_after()


def _recover_database(task_backend):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import WorkerProcess

    now = timezone.now()
    running = list(
        DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, backend_name=task_backend.alias
        ).values_list("pk", "worker_ids", "started_at")
    )
    heartbeats = dict(WorkerProcess.objects.values_list("worker_id", "seen_at"))
    dead_workers = {
        worker_id
        for worker_id in heartbeats
        if not database_worker_alive(worker_id, heartbeats, now)
    }
    orphans = []
    for pk, worker_ids, started_at in running:
        worker_id = worker_ids[-1] if worker_ids else ""
        if worker_id in heartbeats or workers.parse_worker_id(worker_id):
            if not database_worker_alive(worker_id, heartbeats, now):
                orphans.append(pk)
        elif started_at is None or started_at < now - UNKNOWN_WORKER_AFTER:
            orphans.append(pk)
    requeued = 0
    if orphans:
        # Only rows still RUNNING: a task that finished meanwhile stays finished.
        requeued = DBTaskResult.objects.filter(
            pk__in=orphans, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        logger.warning("Put %s task(s) of dead workers back in the queue", requeued)
    WorkerProcess.objects.filter(worker_id__in=dead_workers).delete()
    return {"requeued": requeued, "dead_workers": len(dead_workers)}


# --- RQ ------------------------------------------------------------------------------------


def rq_queues(task_backend):
    import django_rq
    from django_tasks_rq import Job

    return [django_rq.get_queue(name, job_class=Job) for name in sorted(task_backend.queues)]


def rq_worker_alive(worker_name, connection, now):
    from rq.worker import Worker

    verdict = workers.local_verdict(worker_name)
    if verdict is not None:
        return verdict
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + worker_name, connection)
    if worker is None:
        return False
    if worker.last_heartbeat is None:
        return True
    from .health import aware

    return aware(worker.last_heartbeat) >= now - workers.dead_after()


def _recover_rq(task_backend):
    from rq.executions import Execution
    from rq.job import JobStatus
    from rq.registry import FailedJobRegistry, StartedJobRegistry
    from rq.worker import Worker

    now = timezone.now()
    requeued = 0
    dead = set()
    for queue in rq_queues(task_backend):
        connection = queue.connection
        started = StartedJobRegistry(queue=queue)
        for job_id, execution_id in started.get_job_and_execution_ids(cleanup=False):
            try:
                execution = Execution.fetch(execution_id, job_id, connection)
                worker_name = execution.worker_name
            except Exception:  # noqa: BLE001 - the execution's own key expired
                execution, worker_name = None, ""
            if worker_name and rq_worker_alive(worker_name, connection, now):
                continue
            job = queue.fetch_job(job_id)
            with connection.pipeline() as pipeline:
                if execution is not None:
                    started.remove_execution(execution, pipeline=pipeline)
                else:
                    pipeline.zrem(started.key, f"{job_id}:{execution_id}")
                pipeline.execute()
            if job is not None and job.get_status() == JobStatus.STARTED:
                queue.enqueue_job(job)
                requeued += 1
            if worker_name:
                dead.add(worker_name)
        # Jobs RQ itself gave up on as abandoned (no worker of ours was there in time).
        failed = FailedJobRegistry(queue=queue)
        for job_id in failed.get_job_ids():
            job = queue.fetch_job(job_id)
            result = job.latest_result() if job is not None else None
            if result is not None and "AbandonedJobError" in (result.exc_string or ""):
                failed.requeue(job)
                requeued += 1
    for worker_name in dead:
        worker = Worker.find_by_key(
            Worker.redis_worker_namespace_prefix + worker_name, task_connection()
        )
        if worker is not None:
            worker.register_death()
    if requeued:
        logger.warning("Put %s task(s) of dead workers back in the queue", requeued)
    return {"requeued": requeued, "dead_workers": len(dead)}


def task_connection():
    import django_rq

    return django_rq.get_connection("default")
