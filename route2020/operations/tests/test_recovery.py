"""Which running tasks go back to the queue: those whose worker is gone, and only those."""

import os
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from route2020.operations import workers
from route2020.operations.models import WorkerProcess
from route2020.operations.recovery import recover_tasks


@pytest.fixture
def running_task(settings, db):
    """A task of the database queue, claimed by the given worker as db_worker claims it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from route2020.practices.listing_cache import warm_listing

    def make(worker_id, started_at=None):
        result = DBTaskResult.objects.get(pk=warm_listing.enqueue(1).id)
        result.claim(worker_id)
        if started_at:
            DBTaskResult.objects.filter(pk=result.pk).update(started_at=started_at)
        return result

    return make


def status(result):
    result.refresh_from_db()
    return result.status


def dead_local_worker_id():
    process = subprocess.Popen(["true"])
    process.wait()
    return f"{workers.machine()}-{process.pid}-{workers.process_start(os.getpid())}-dead"


def test_a_task_of_a_killed_worker_on_this_machine_goes_back_at_once(running_task):
    task = running_task(dead_local_worker_id())
    assert recover_tasks()["requeued"] == 1
    assert status(task) == TaskResultStatus.READY


def test_a_task_of_a_live_worker_stays_with_it(running_task):
    task = running_task(workers.new_worker_id())  # this very process
    assert recover_tasks()["requeued"] == 0
    assert status(task) == TaskResultStatus.RUNNING


def test_a_worker_elsewhere_counts_as_dead_once_its_heartbeat_is_old(running_task, settings):
    elsewhere = "0123456789ab-4242-99-remote"
    task = running_task(elsewhere)
    WorkerProcess.objects.create(
        worker_id=elsewhere, host="andere-machine", pid=4242, seen_at=timezone.now()
    )
    assert recover_tasks()["requeued"] == 0
    WorkerProcess.objects.filter(worker_id=elsewhere).update(
        seen_at=timezone.now() - timedelta(seconds=settings.TASK_WORKER_DEAD_AFTER + 1)
    )
    report = recover_tasks()
    assert report["requeued"] == 1
    assert report["dead_workers"] == 1
    assert status(task) == TaskResultStatus.READY
    assert not WorkerProcess.objects.exists()


def test_a_task_without_a_known_worker_goes_back_only_after_an_hour(running_task):
    recent = running_task("db-worker-zonder-hartslag")
    old = running_task("db-worker-zonder-hartslag", started_at=timezone.now() - timedelta(hours=2))
    assert recover_tasks()["requeued"] == 1
    assert status(recent) == TaskResultStatus.RUNNING
    assert status(old) == TaskResultStatus.READY


def test_a_finished_task_is_left_alone(running_task):
    task = running_task(dead_local_worker_id())
    task.set_successful(3)
    assert recover_tasks()["requeued"] == 0
    assert status(task) == TaskResultStatus.SUCCESSFUL


def test_a_process_that_reuses_a_dead_workers_number_is_not_that_worker():
    own = os.getpid()
    assert workers.process_alive(own, workers.process_start(own))
    assert not workers.process_alive(own, "1")  # same number, other start
