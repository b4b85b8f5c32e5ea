"""gunicorn with the production settings against the test's PostgreSQL database and Redis,
as an operator starts it (docs/deploy.md). For tests marked `postgres`."""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from route2020.operations.tests.killing import REDIS_URL, redis_client

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).parent / "gunicorn"


def postgres_url():
    params = connection.settings_dict
    password = f":{quote(params['PASSWORD'])}" if params.get("PASSWORD") else ""
    return (
        f"postgres://{quote(params['USER'] or '')}{password}@{params['HOST'] or 'localhost'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(tmp_path):
    """What an operator sets (.env.example), pointed at the test database and Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    client = redis_client()
    if client is None:
        pytest.skip(f"geen Redis op {REDIS_URL}")
    client.flushdb()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS", "TASK_", "EMAIL_", "S3_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="route2020.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL=postgres_url(),
        REDIS_URL=REDIS_URL,
        ALLOWED_HOSTS="route2020.test",
        CSRF_TRUSTED_ORIGINS="https://route2020.test",
        SITE_URL="https://route2020.test",
        ROUTE2020_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    return env


def request(port, method, path, body=None, headers=None):
    """One request as the proxy in front passes it on: HTTPS, the site's host name."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={"Host": "route2020.test", "X-Forwarded-Proto": "https", **(headers or {})},
        )
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class Gunicorn:
    def __init__(self, env, log_path):
        self.env = env
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "-c",
                "python:route2020.settings.gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "route2020.wsgi",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()[-3000:]
            with contextlib.suppress(OSError):
                if request(self.port, "GET", "/gezondheid/")[0] == 200:
                    return self
            time.sleep(0.2)  # polling until the server answers
        raise AssertionError(f"gunicorn did not start:\n{self.log_path.read_text()[-3000:]}")

    def __exit__(self, *exc):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._log.close()

    def log(self):
        return self.log_path.read_text()
