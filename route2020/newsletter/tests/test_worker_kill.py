"""A real worker is killed with SIGKILL mid-send; afterwards everyone has exactly one mail."""

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

from route2020.newsletter import services

BASE_DIR = Path(settings.BASE_DIR)
SUBSCRIBERS = 30
HANG_AT = 13  # batches of 5: dies in the third batch, with claimed rows behind the hung one


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


class Database:
    """Reads the worker's database: the SQLite file, or the shared PostgreSQL test database."""

    def __init__(self, sqlite_path):
        self.sqlite_path = sqlite_path

    def scalar(self, sql):
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=20) as db:
                return db.execute(sql).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]


def wait_for(condition, timeout=60, what=""):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling interval, not a fixed wait


def manage(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


@pytest.mark.django_db(transaction=True)
def test_killed_worker_sends_each_subscriber_exactly_once(
    tmp_path, settings, make_issue, make_subscriber
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    issue = make_issue(title="Reisflits onder vuur")
    subscribers = [make_subscriber() for _ in range(SUBSCRIBERS)]
    services.start_sending(issue=issue)  # autocommit: one batch task in the database queue

    url, sqlite_path = database_url(tmp_path)
    db = Database(sqlite_path)
    log = tmp_path / "mail.log"
    log.touch()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "route2020.newsletter.tests.worker_settings",
        "NEWSLETTER_TEST_DATABASE_URL": url,
        "NEWSLETTER_TEST_MAIL_LOG": str(log),
        "NEWSLETTER_TEST_HANG_AT": str(HANG_AT),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--no-reload",
            "--verbosity",
            "0",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(
            lambda: (
                db.scalar("select count(*) from newsletter_delivery where status = 'sent'")
                == HANG_AT - 1
                and db.scalar("select count(*) from newsletter_delivery where status = 'sending'")
                == 1
            ),
            what="the worker to hang in the middle of a batch",
        )
        assert Path(f"{log}.hanging").exists()
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    # What a killed worker leaves behind: a task RUNNING for ever, rows claimed and in flight.
    assert db.scalar(
        "select count(*) from django_tasks_database_dbtaskresult where status = 'RUNNING'"
    )
    assert db.scalar("select count(*) from newsletter_delivery where status = 'claimed'") == 2
    assert len(log.read_text().splitlines()) == HANG_AT - 1

    env["NEWSLETTER_TEST_HANG_AT"] = "0"
    recovered = manage("newsletter_recover", "--stale-after", "0", env=env)
    assert "resumed=1" in recovered.stdout, recovered.stdout
    manage(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        "--no-reload",
        "--verbosity",
        "0",
        env=env,
    )

    received = Counter(line.split()[0] for line in log.read_text().splitlines())
    assert received == Counter({subscriber.email: 1 for subscriber in subscribers})
    assert (
        db.scalar("select count(*) from newsletter_delivery where status = 'sent'") == SUBSCRIBERS
    )
    assert db.scalar("select status from newsletter_dispatch") == "sent"
