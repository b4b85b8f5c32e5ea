"""Real task workers that a test kills with SIGKILL, on either queue.

`task_queue` (import it into a test module) runs the test once per queue: the database
queue, and RQ on the Redis at WORKER_TEST_REDIS_URL (default redis://127.0.0.1:6379/5; the
RQ run is skipped when no Redis answers there). The test makes its data, then `start()`
hands the database to worker processes: a worker hangs while handing over the n-th mail
(`run_until_hung(n)`, killed there with its whole process group, as systemd does), and
`run_to_end()` starts one more worker that stops when the queue is empty.
"""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("WORKER_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        return None
    return client


def database_url(tmp_path):
    """The test database, reachable from another process (SQLite is copied to a file)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", path
    params = connection.settings_dict
    password = f":{quote(params['PASSWORD'])}" if params.get("PASSWORD") else ""
    url = (
        f"postgres://{quote(params['USER'] or '')}{password}@{params['HOST'] or 'localhost'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )
    return url, None


def wait_for(condition, timeout=60, what=""):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling interval, not a fixed wait


class Workers:
    def __init__(self, kind, tmp_path):
        self.kind = kind
        self.tmp_path = tmp_path
        self.log = tmp_path / "mail.log"
        self.log.touch()
        self.flag = Path(f"{self.log}.hanging")
        self.sqlite_path = None
        self.env = None

    def start(self):
        """Call once the test's data exists: from here on workers read the database."""
        url, self.sqlite_path = database_url(self.tmp_path)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "route2020.operations.tests.worker_settings",
            "WORKER_TEST_DATABASE_URL": url,
            "WORKER_TEST_MAIL_LOG": str(self.log),
            "WORKER_TEST_TASK_BACKEND": self.kind,
            "WORKER_TEST_REDIS_URL": REDIS_URL,
        }

    def scalar(self, sql):
        """Read the workers' database (the SQLite copy, or the shared PostgreSQL one)."""
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=20) as db:
                return db.execute(sql).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def command(self, *extra):
        return [
            sys.executable,
            "manage.py",
            "task_worker",
            "--no-startup-delay",
            "--verbosity",
            "0",
            *extra,
        ]

    def run_until_hung(self, hang_at, ready=None):
        """A worker that hangs handing over mail number `hang_at`; killed there."""
        self.flag.unlink(missing_ok=True)
        worker = subprocess.Popen(
            self.command("--interval", "0.1"),
            cwd=BASE_DIR,
            env={**self.env, "WORKER_TEST_HANG_AT": str(hang_at)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            wait_for(
                lambda: self.flag.exists() or worker.poll() is not None,
                what=f"a worker to hang at mail {hang_at}",
            )
            assert worker.poll() is None, worker.stderr.read().decode()
            if ready is not None:
                wait_for(ready, what="the state the test waits for")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
            worker.stderr.close()

    def run_to_end(self):
        return subprocess.run(
            self.command("--batch", "--interval", "0"),
            cwd=BASE_DIR,
            env={**self.env, "WORKER_TEST_HANG_AT": "0"},
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )

    def received(self):
        return Counter(line.split()[0] for line in self.log.read_text().splitlines())


@pytest.fixture(params=["database", "rq"])
def task_queue(request, settings, tmp_path):
    """The test's own enqueues go to the same queue its workers read."""
    if request.param == "rq":
        client = redis_client()
        if client is None:
            pytest.skip(f"geen Redis op {REDIS_URL}")
        client.flushdb()
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
        }
        settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
        yield Workers("rq", tmp_path)
        client.flushdb()
    else:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        yield Workers("database", tmp_path)
