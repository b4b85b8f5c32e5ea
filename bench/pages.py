#!/usr/bin/env python
"""Page benchmark: how fast each public page type is, next to a bare Django view.

    .venv/bin/python bench/pages.py --scale 1000 [--database-url URL] [--redis-url URL] [--quick]

Builds a fresh database (SQLite under var/bench/, or a throwaway PostgreSQL database on the
server that --database-url names), generates `--scale` items per page type (bench/content.py),
serves it with gunicorn (2 sync workers, production settings) on a free port of 127.0.0.1,
and loads every page type with wrk (Debian's package; `make bench` installs it), in
alternating slices with two baselines that return the same bytes: a bare Django project
(`django-admin startproject`'s apps and middleware, bench/bare/, its own gunicorn) — the
headline ratio — and the same view behind the site's own middleware. Once with the anonymous
page cache off (PAGE_CACHE=0) and once with it on. CPU ms per request is read from the
gunicorn workers' /proc stat before and after each slice. SQL queries per page are counted
in-process with django.test.Client. docs/benchmarks.md explains the figures.
"""

import argparse
import hashlib
import http.client
import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
VAR = ROOT / "var" / "bench"
GUNICORN = Path(sys.executable).parent / "gunicorn"

GOAL_RATIO = {"uncached": 0.15, "cached": 0.75, "signed in": 0.15}
GOAL_QUERIES = 10
CACHE_HEADER = "X-Page-Cache"  # route2020.core.cache.CACHE_HEADER: "hit" when served from it
PG_DEFAULT_NAME = "route2020_bench"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, help="items per page type (1000; 50 with --quick)")
    parser.add_argument(
        "--database-url",
        help="postgres://user@host:port/name: a throwaway database is created there (its name "
        f"must contain 'bench', else {PG_DEFAULT_NAME} is used) and dropped afterwards",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL"),
        help="cache in Redis (default: $REDIS_URL; without it the embedded cache under var/bench/)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: scale 50, 1 s of page and of each baseline per type",
    )
    parser.add_argument(
        "--duration", type=float, help="seconds of load for each page and for its baseline (4)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="wrk's open connections (16)")
    parser.add_argument(
        "--rounds",
        type=int,
        help="alternations of page and baselines per load, each ≥ 1 s of wrk (4; 1 quick)",
    )
    parser.add_argument(
        "--samples", type=int, help="URLs per page type at most (20; 5 with --quick)"
    )
    parser.add_argument("--only", nargs="+", metavar="TYPE", help="measure only these page types")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--signed-in",
        action="store_true",
        help="also measure every page as a signed-in member (a session cookie on every request)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="migrate from scratch, not from the cached template"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL database (SQLite is always kept)"
    )
    args = parser.parse_args(argv)
    if args.scale is None:
        args.scale = 50 if args.quick else 1000
    args.duration = args.duration or (1.0 if args.quick else 4.0)
    args.rounds = args.rounds or (1 if args.quick else 4)
    args.samples = args.samples or (5 if args.quick else 20)
    return args


# --- environment and database ----------------------------------------------------------------


def bench_environment(database_url, redis_url, page_cache=False):
    """The environment of the benchmark's Django, in this process and in gunicorn's."""
    env = dict(os.environ)
    for name in ("REDIS_URL", "EMAIL_HOST", "SITE_URL", "CSRF_TRUSTED_ORIGINS"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        ROUTE2020_VAR_DIR=str(VAR),
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        PAGE_CACHE="1" if page_cache else "0",
        LOG_LEVEL="WARNING",
    )
    env["BENCH_SECRET_KEY"] = env["SECRET_KEY"]
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def bare_environment(env):
    """The bare project's environment: only what its settings read."""
    bare = {
        key: value
        for key, value in env.items()
        if not key.startswith(("DATABASE_", "REDIS", "PAGE_CACHE", "DJANGO_"))
    }
    bare["DJANGO_SETTINGS_MODULE"] = "bench.bare.settings"
    return bare


def sqlite_url():
    return f"sqlite:///{VAR / 'bench.sqlite3'}"


def postgres_urls(url):
    """The throwaway database's URL and the maintenance database's, on the same server."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        name = PG_DEFAULT_NAME
    target = urlunsplit(parts._replace(path=f"/{name}"))
    admin = urlunsplit(parts._replace(path="/postgres"))
    return target, admin, name


def migrations_key():
    """Changes whenever a migration is added or a project migration is edited."""
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha1(usedforsecurity=False)
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app_label, name in sorted(loader.disk_migrations):
        digest.update(f"{app_label}.{name}\n".encode())
    for path in sorted((ROOT / "route2020").glob("*/migrations/*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Database:
    """A fresh database: from a migrated template when the migrations are unchanged."""

    def __init__(self, url, *, fresh, keep):
        self.fresh = fresh
        self.keep = keep
        if url and url.startswith(("postgres://", "postgresql://")):
            self.url, self.admin_url, self.name = postgres_urls(url)
            self.vendor = "postgresql"
        elif url and not url.startswith("sqlite"):
            raise SystemExit("--database-url: only postgres:// (or none, for SQLite)")
        else:
            self.url = sqlite_url()
            self.path = VAR / "bench.sqlite3"
            self.vendor = "sqlite"

    def _admin(self, *statements):
        import psycopg

        rows = []
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            for statement in statements:
                cursor = conn.execute(statement)
                rows.append(cursor.fetchall() if cursor.description else None)
        return rows

    def _pg_template(self, key):
        return f"route2020_bench_tmpl_{key}"

    def create(self):
        """Create the empty (or template-copied) database; Django has not connected yet."""
        key = migrations_key()
        if self.vendor == "sqlite":
            VAR.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            template = VAR / f"template-{key}.sqlite3"
            if template.exists() and not self.fresh:
                shutil.copyfile(template, self.path)
                return True
            return False
        template = self._pg_template(key)
        [exists] = self._admin(f"SELECT 1 FROM pg_database WHERE datname = '{template}'")
        use_template = bool(exists) and not self.fresh
        self._admin(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}"' + (f' TEMPLATE "{template}"' if use_template else ""),
        )
        return use_template

    def save_template(self):
        """Keep the freshly migrated database as the template of later runs."""
        from django.db import connections

        connections.close_all()
        key = migrations_key()
        if self.vendor == "sqlite":
            for old in VAR.glob("template-*.sqlite3"):
                old.unlink()
            shutil.copyfile(self.path, VAR / f"template-{key}.sqlite3")
            return
        [old] = self._admin(
            "SELECT datname FROM pg_database WHERE datname LIKE 'route2020_bench_tmpl_%'"
        )
        self._admin(
            *(f'DROP DATABASE IF EXISTS "{name}"' for (name,) in old),
            f'CREATE DATABASE "{self._pg_template(key)}" TEMPLATE "{self.name}"',
        )

    def backend_pids(self):
        [rows] = self._admin(
            f"SELECT pid FROM pg_stat_activity WHERE datname = '{self.name}' "
            "AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in rows]

    def analyze(self):
        """What autovacuum does on PostgreSQL after a bulk load, and what SQLite's planner
        needs to know the tables' sizes; without it both plan as if the tables were empty
        (PostgreSQL: nested loops over the search index)."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def drop(self):
        if self.vendor == "postgresql" and not self.keep:
            from django.db import connections

            connections.close_all()
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# --- the server -----------------------------------------------------------------------------


def process_cpu(pids):
    """utime + stime in seconds per pid, from /proc/<pid>/stat; gone processes are left out."""
    result = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        result[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15
    return result


def process_state(pid):
    """R (running or waiting for a CPU), S (asleep), ...; "" when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn, 2 sync workers, on a free loopback port; CPU is read from its workers."""

    def __init__(
        self, env, label, database=None, app="route2020.wsgi:application", service_times=False
    ):
        self.env = env
        # gunicorn's access log with each request's time in the worker (microseconds, from
        # the request read to the response written): the service time, without the wait in
        # the listen queue and the connect that the client's latency includes.
        self.service_log = VAR / f"gunicorn-{label}-service.log" if service_times else None
        self.database = database
        self.label = label
        self.app = app
        self.port = free_port()
        self.log_path = VAR / f"gunicorn-{label}.log"
        self.process = None

    def start(self):
        if self.service_log:
            self.service_log.write_text("")
        log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self._log = log
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                self.app,
                "--workers=2",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                f"--chdir={ROOT}",
                "--timeout=60",
                "--preload",  # import once in the master: a quicker start, the same requests
                "--log-level=warning",
                *(
                    [f"--access-logfile={self.service_log}", "--access-logformat=%(D)s"]
                    if self.service_log
                    else []
                ),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped:\n{self.log_path.read_text()[-3000:]}")
            try:
                status, _ = fetch(self.port, "/bench/baseline/64/")
                if status == 200 and len(self.worker_pids()) == 2:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not answer in time:\n{self.log_path.read_text()[-3000:]}")

    def worker_pids(self):
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except FileNotFoundError:
            children = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == pid:
                    children.append(int(stat.parent.name))
            return children

    def service_log_size(self):
        return self.service_log.stat().st_size if self.service_log else 0

    def service_times_since(self, offset):
        """The service times (ms) the workers logged after `offset` (see `__init__`)."""
        if not self.service_log:
            return None
        with open(self.service_log) as log:
            log.seek(offset)
            return [int(line) / 1000 for line in log.read().split()]

    def cpu_seconds(self):
        """utime + stime of the workers, from /proc/<pid>/stat."""
        return sum(process_cpu(self.worker_pids()).values())

    def drain(self, timeout=30):
        """Wait until the workers are idle: when wrk stops, the connections it opened are
        still queued at gunicorn, and their work must not fall in the next slice. Idle is
        every worker asleep (not running or waiting for a CPU) and its CPU time unchanged, on
        three reads 50 ms apart. (The CPU of a slice is read when wrk stops: at most one
        started request per worker is in it unfinished, as at its start none is.)"""
        deadline = time.monotonic() + timeout
        last, quiet = None, 0
        while time.monotonic() < deadline and quiet < 3:
            time.sleep(0.05)
            pids = self.worker_pids()
            now = process_cpu(pids)
            asleep = all(process_state(pid) in ("S", "I", "") for pid in pids)
            quiet = quiet + 1 if asleep and now == last else 0
            last = now

    def db_cpu(self):
        """CPU seconds of each PostgreSQL backend serving the benchmark database, by pid
        (SQLite runs inside the workers, so it is in their CPU already)."""
        if self.database is None or self.database.vendor != "postgresql":
            return {}
        return process_cpu(self.database.backend_pids())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()


# --- the load generator ---------------------------------------------------------------------


def fetch(port, path, timeout=10, cookie=""):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


WRK_SCRIPT = """
-- Each thread walks the paths from its own offset, counts the page cache's hits, the bytes
-- of the bodies and the responses that failed (not 2xx or 3xx: a 429, 404 or 500 measures
-- no page); done() prints one JSON line.
local paths = {%(paths)s}
%(headers)s
local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  step = offset
  hits = 0
  body_bytes = 0
  failed = 0
  failed_status = 0
end

function request()
  step = step + 1
  return wrk.format("GET", paths[(step %% #paths) + 1])
end

function response(status, headers, body)
  if headers["%(header)s"] == "hit" then hits = hits + 1 end
  if status < 200 or status >= 400 then
    failed = failed + 1
    failed_status = status
  end
  body_bytes = body_bytes + #body
end

function done(summary, latency, requests)
  local total_hits, total_bytes, total_failed, last_status = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_hits = total_hits + thread:get("hits")
    total_bytes = total_bytes + thread:get("body_bytes")
    total_failed = total_failed + thread:get("failed")
    if thread:get("failed_status") ~= 0 then last_status = thread:get("failed_status") end
  end
  local e = summary.errors
  -- With the histogram on: every latency (microseconds) with its count, so that the
  -- percentiles of several slices can be taken over all their requests together.
  -- latency(i) is the i-th distinct value; wrk finds it by walking its table from the
  -- smallest, so a slice with a very long tail leaves it out (null) rather than wait.
  local histogram = "null"
  if %(histogram)s and #latency * (latency.max - latency.min + 1) <= 3e8 then
    local cells = {}
    for i = 1, #latency do
      local value, count = latency(i)
      cells[#cells + 1] = string.format("[%%d, %%d]", value, count)
    end
    histogram = "[" .. table.concat(cells, ", ") .. "]"
  end
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p99_ms": %%f, "errors": %%d, '
    .. '"failed": %%d, "failed_status": %%d, "hits": %%d, "size": %%d, "histogram": %%s}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout,
    total_failed, last_status, total_hits, total_bytes, histogram))
end
"""


def require_wrk():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it as root (bin/ensure-wrk)")


def load(server, paths, *, duration, concurrency, cookie="", histogram=False):
    """wrk with `concurrency` connections over 2 threads for `duration` seconds (whole
    seconds, at least 1: wrk's unit). gunicorn's sync workers close the connection after
    each response, so every request also pays a loopback connect, as it would behind no
    proxy. The workers' CPU time is read before and after. `histogram`: also every latency
    with its count (`summarise` then takes the percentiles over all slices' requests), and
    the service times when the server logs them."""
    script = WRK_SCRIPT % {
        "histogram": "true" if histogram else "false",
        "paths": ", ".join(json.dumps(path) for path in paths),
        "header": CACHE_HEADER,
        "headers": f'wrk.headers["Cookie"] = {json.dumps(cookie)}' if cookie else "",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, dir=VAR) as file:
        file.write(script)
    command = [
        "wrk",
        "--threads=2",
        f"--connections={max(2, concurrency)}",
        f"--duration={max(1, round(duration))}s",
        "--timeout=10s",
        f"--script={file.name}",
        f"http://127.0.0.1:{server.port}/",
    ]
    try:
        cpu_before, db_before = server.cpu_seconds(), server.db_cpu()
        logged = server.service_log_size()
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        cpu_after, db_after = server.cpu_seconds(), server.db_cpu()
        server.drain()
        # After the drain: the requests wrk left queued are served (and logged) too.
        service_ms = server.service_times_since(logged) if histogram else None
    finally:
        os.unlink(file.name)
    result = json.loads(output.strip().splitlines()[-1])
    result["elapsed"] = result.pop("seconds")
    # `errors`: everything that went wrong, the failed responses (`failed`, the last one's
    # status in `failed_status`) and wrk's connect, read, write and timeout errors.
    result["errors"] += result["failed"]
    result["cpu"] = cpu_after - cpu_before
    result["service_ms"] = service_ms
    result["db_cpu"] = sum(seconds - db_before.get(pid, 0.0) for pid, seconds in db_after.items())
    return result


def percentile(histogram, fraction):
    """The value below which `fraction` of the requests of [(value, count), ...] lie: wrk's
    own rule (the value of rank round(fraction × count + 0.5))."""
    histogram = sorted(histogram)
    rank = round(fraction * sum(count for _value, count in histogram) + 0.5)
    seen = 0
    for value, count in histogram:
        seen += count
        if seen >= rank:
            return value
    return float("nan")


def pooled(runs):
    """Percentiles over the requests of all `runs` together, when every slice brought its
    histogram (load(histogram=True)); otherwise {}."""
    if not runs or any(run.get("histogram") is None for run in runs):
        return {}
    histogram = [pair for run in runs for pair in run["histogram"]]
    result = {
        "p50_ms": percentile(histogram, 0.50) / 1000,
        "p99_ms": percentile(histogram, 0.99) / 1000,
        "max_ms": max(value for value, _count in histogram) / 1000 if histogram else 0.0,
        "pooled": True,
    }
    if all(run.get("service_ms") is not None for run in runs):
        service = [(ms, 1) for run in runs for ms in run["service_ms"]]
        result |= {
            "service_p50_ms": percentile(service, 0.50),
            "service_p99_ms": percentile(service, 0.99),
            "service_max_ms": max((ms for ms, _ in service), default=float("nan")),
        }
    return result


def summarise(runs):
    count = sum(run["requests"] for run in runs)
    elapsed = sum(run["elapsed"] for run in runs)
    weights = [run["requests"] / count if count else 0 for run in runs]
    return {
        "requests": count,
        "errors": sum(run["errors"] for run in runs),
        "failed": sum(run["failed"] for run in runs),
        "failed_status": next((r["failed_status"] for r in runs if r["failed_status"]), 0),
        "cache_hits": sum(run["hits"] for run in runs) / count if count else 0,
        "bytes": round(sum(run["size"] for run in runs) / count) if count else 0,
        "rps": count / elapsed if elapsed else 0,
        # wrk gives percentiles per slice: weighted by each slice's requests.
        "p50_ms": sum(w * run["p50_ms"] for w, run in zip(weights, runs, strict=True)),
        "p99_ms": max((run["p99_ms"] for run in runs), default=float("nan")),
        "cpu_ms": sum(run["cpu"] for run in runs) * 1000 / count if count else float("nan"),
        "db_cpu_ms": sum(run["db_cpu"] for run in runs) * 1000 / count if count else float("nan"),
    } | pooled(runs)


def compare(loads, *, duration, concurrency, rounds, cookie=""):
    """Each (server, paths) of `loads` in alternating slices, so that a neighbour's burst of
    work on the machine falls on all of them and the ratios stay fair. The servers not under
    load sit idle meanwhile."""
    runs = [[] for _ in loads]
    for _ in range(rounds):
        for results, (server, paths) in zip(runs, loads, strict=True):
            results.append(
                load(
                    server,
                    paths,
                    duration=duration / rounds,
                    concurrency=concurrency,
                    # the signed-in member's session goes to the page, not to the baselines
                    cookie=cookie if server.label == "signed in" else "",
                )
            )
    return [summarise(results) for results in runs]


def spread(items, limit):
    """At most `limit` items, taken evenly from the whole list."""
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def warm_up(server, paths, seconds=0.3, cookie="", workers=2):
    """Each worker imports and compiles on its first requests; the cache fills on the first.

    Every path is first asked twice per worker at once, so that each worker (not only the one
    that happened to accept it) has rendered the page's shared fragments
    (route2020.core.fragments, kept per process): a fragment's first rendering can cost 100
    times a hit (an action plan of 20 actions: 70-190 ms at scale 1000), and 20 sample URLs
    rendered cold by each worker during the load made the slowest page types measure their
    first renderings instead of their steady state (the signed-in action plan: 9.9 ms/req
    where a warm worker spends 3)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        for path in paths:
            asks = [
                pool.submit(fetch, server.port, path, cookie=cookie) for _ in range(2 * workers)
            ]
            if any(ask.result()[0] != 200 for ask in asks):
                raise SystemExit(f"{path} did not answer 200 on the benchmark server")
    stop_at = time.monotonic() + seconds
    for count, path in enumerate(itertools.cycle(paths), start=1):
        status, _ = fetch(server.port, path, cookie=cookie)
        if status != 200:
            raise SystemExit(f"{path} answered {status} on the benchmark server")
        if count >= len(paths) and time.monotonic() >= stop_at:
            break


# --- a signed-in member ------------------------------------------------------------------------

MEMBER_USERNAME = "bench-lid"


def member_session():
    """The session key of a demo member (role Lid, with an organisation), signed in in the
    benchmark's database and session store: what `--signed-in` sends with every request.
    The session holds what `django.contrib.auth.login` puts there (without its signals,
    which need a real request). The member is made on the first call."""
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group

    from route2020.core import roles
    from route2020.core.models import Organisation

    roles.ensure_roles()
    user = get_user_model().objects.filter(username=MEMBER_USERNAME).first()
    if user is None:
        organisation = Organisation.objects.order_by("pk").first() or Organisation.objects.create(
            name="Bibliotheek Benchstad", slug="bibliotheek-benchstad"
        )
        email = "bench-lid@example.org"
        user = get_user_model().objects.create_user(
            username=MEMBER_USERNAME, email=email, organisation=organisation
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(Group.objects.get(name=roles.MEMBER))
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(24 * 60 * 60)
    session.save()
    return session.session_key


# --- in-process measurements ------------------------------------------------------------------


def count_queries(paths, *, page_cache, session=""):
    """SQL queries and bytes of each path, the second time it is asked (the steady state);
    with `session`, as the member signed in with that session."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    result = {}
    with override_settings(PAGE_CACHE_ENABLED=page_cache):
        for path in paths:
            client = Client(HTTP_HOST="127.0.0.1")
            if session:
                client.cookies[settings.SESSION_COOKIE_NAME] = session
            first = client.get(path)
            if first.status_code != 200:
                raise SystemExit(f"{path} answered {first.status_code} in-process")
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - started
            result[path] = {
                "queries": len(queries.captured_queries),
                "bytes": len(response.content),
                "in_process_ms": elapsed * 1000,
            }
    return result


# --- reporting -------------------------------------------------------------------------------


def failures(run, who=""):
    """What went wrong in a load: responses that were not 2xx or 3xx (the page answered,
    but not with the page: its req/s measure a 429 or an error page, not the page), and
    errors of the connection."""
    notes = []
    of = f" of the {who}" if who else ""
    if run["failed"]:
        notes.append(
            f"FAILED: {run['failed']:,} responses{of} not 2xx/3xx (HTTP {run['failed_status']})"
        )
    if run["errors"] - run["failed"]:
        notes.append(f"{run['errors'] - run['failed']:,} connection errors{of}")
    return notes


def mark(ok):
    return "ok" if ok else "MISS"


def table(rows, mode, with_db=False):
    """One line per page type. The ratio is the page's req/s over the bare Django view's
    (the same bytes, startproject's middleware); beside it the same view behind the site's
    middleware. In the cached table also the share of responses served from the page cache,
    which should be all of them."""
    goal = GOAL_RATIO[mode]
    cached = mode == "cached"
    lines = [
        "| page type | bytes | queries | req/s | p50 ms | p99 ms | CPU ms/req "
        "| bare Django req/s | ratio page/bare "
        f"| goals: ratio ≥ {goal:.0%} · "
        + ("served from the cache " if cached else f"≤ {GOAL_QUERIES} queries ")
        + "| bare CPU ms/req | site-middleware baseline req/s | ratio page/site baseline "
        "| site baseline CPU ms/req |"
        + (" PostgreSQL CPU ms/req |" if with_db else "")
        + (" cache hits |" if cached else ""),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: "
        "| ---: | ---: |" + (" ---: |" if with_db else "") + (" ---: |" if cached else ""),
    ]
    for row in rows:
        page, base, bare = row["page"], row["baseline"], row["bare"]
        ratio = page["rps"] / bare["rps"] if bare["rps"] else 0
        site_ratio = page["rps"] / base["rps"] if base["rps"] else 0
        row["ratio"], row["site_ratio"] = ratio, site_ratio
        if cached and not row["cacheable"]:
            flags = ["form: never cached" if not page["cache_hits"] else "MISS: form cached"]
        elif cached:
            flags = [mark(ratio >= goal), mark(page["cache_hits"] >= 0.99)]
        else:
            flags = [mark(ratio >= goal), mark(row["queries"] <= GOAL_QUERIES)]
        flags += failures(page) + failures(base, "site baseline") + failures(bare, "bare")
        lines.append(
            f"| {row['name']} | {row['bytes']:,} | {row['queries']} | {page['rps']:,.0f} "
            f"| {page['p50_ms']:.1f} | {page['p99_ms']:.1f} | {page['cpu_ms']:.2f} "
            f"| {bare['rps']:,.0f} | {ratio:.3f} | {' · '.join(flags)} "
            f"| {bare['cpu_ms']:.2f} | {base['rps']:,.0f} | {site_ratio:.3f} "
            f"| {base['cpu_ms']:.2f} |"
            + (f" {page['db_cpu_ms']:.2f} |" if with_db else "")
            + (f" {page['cache_hits']:.0%} |" if cached else "")
        )
    return "\n".join(lines)


def describe_run(args, database, redis_url, timings):
    commit = (
        os.environ.get("BENCH_COMMIT")
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    )
    dirty = (
        not os.environ.get("BENCH_COMMIT")
        and subprocess.run(
            ["git", "status", "--porcelain", "--", "route2020"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "commit": commit + ("+local changes" if dirty else ""),
        "scale": args.scale,
        "database": database.vendor,
        "cache": "redis" if redis_url else "diskcache",
        "duration_s": args.duration,
        "concurrency": args.concurrency,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        "timings_s": timings,
    }


# --- the run ---------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    require_wrk()
    run_started = time.perf_counter()
    VAR.mkdir(parents=True, exist_ok=True)
    if not args.redis_url:
        # Start with an empty embedded cache, so a run never meets an earlier run's pages.
        shutil.rmtree(VAR / "diskcache", ignore_errors=True)
    database = Database(args.database_url, fresh=args.fresh, keep=args.keep)
    env = bench_environment(database.url, args.redis_url)
    os.environ.update(env)
    for name in ("REDIS_URL",):
        if name not in env:
            os.environ.pop(name, None)

    import django

    django.setup()
    from django.core.management import call_command

    from bench.content import PAGE_TYPES, generate_all, index_pages

    timings = {}
    servers = []
    try:
        clock = time.perf_counter()
        from_template = database.create()
        call_command("migrate", interactive=False, verbosity=0)
        if not from_template:
            database.save_template()
        timings["database"] = time.perf_counter() - clock

        clock = time.perf_counter()
        build, generated = generate_all(args.scale)
        timings["generate"] = time.perf_counter() - clock
        clock = time.perf_counter()
        index_pages()
        database.analyze()
        timings["search index"] = time.perf_counter() - clock
        clock = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0, clear=True)
        timings["collectstatic"] = time.perf_counter() - clock
        print(
            f"database ({database.vendor}{', from template' if from_template else ''}) "
            f"{timings['database']:.1f} s, content {timings['generate']:.1f} s "
            f"({', '.join(f'{k} {v:.1f}' for k, v in generated.items())}), "
            f"search index {timings['search index']:.1f} s",
            flush=True,
        )

        print(f"  {time.perf_counter() - run_started:5.1f} s  content ready", flush=True)
        unknown = set(args.only or ()) - set(PAGE_TYPES)
        if unknown:
            raise SystemExit(
                f"--only: no page type {', '.join(sorted(unknown))}; {list(PAGE_TYPES)}"
            )
        measured = [
            t for t in PAGE_TYPES.values() if t.measure and (not args.only or t.name in args.only)
        ]
        paths = {t.name: spread(t.sample_urls(build), args.samples) for t in measured}
        from django.conf import settings
        from django.db import connections

        modes = ["uncached", "cached"] + (["signed in"] if args.signed_in else [])
        session = member_session() if args.signed_in else ""
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}" if session else ""
        queries = {}
        for mode in modes:
            counted = {}
            for name, urls in paths.items():
                counted[name] = count_queries(
                    urls,
                    page_cache=mode != "uncached",
                    session=session if mode == "signed in" else "",
                )
            queries[mode] = counted
        connections.close_all()

        results = {"run": describe_run(args, database, args.redis_url, timings)}
        bare = Server(bare_environment(env), "bare", app="bench.bare.wsgi:application").start()
        servers.append(bare)
        for mode in modes:
            if mode == "cached":
                from route2020.core.cache import invalidate

                invalidate()  # start from an empty page cache
            # Signed in: the production settings, page cache on; the session passes it by.
            server = Server(
                bench_environment(database.url, args.redis_url, page_cache=mode != "uncached"),
                mode,
                database,
            ).start()
            servers.append(server)
            print(f"  {time.perf_counter() - run_started:5.1f} s  {mode} server up", flush=True)
            rows = []
            for page_type in measured:
                urls = paths[page_type.name]
                counted = queries[mode][page_type.name]
                size = round(sum(c["bytes"] for c in counted.values()) / len(counted))
                base_path = [f"/bench/baseline/{size}/"]
                page_cookie = cookie if mode == "signed in" else ""
                warm_up(server, urls, seconds=0.1 if args.quick else 0.3, cookie=page_cookie)
                warm_up(server, base_path, seconds=0.1)
                warm_up(bare, base_path, seconds=0.1)
                page, base, bare_base = compare(
                    [(server, urls), (server, base_path), (bare, base_path)],
                    duration=args.duration,
                    concurrency=args.concurrency,
                    rounds=args.rounds,
                    cookie=page_cookie,
                )
                rows.append(
                    {
                        "name": page_type.name,
                        "cacheable": page_type.cacheable,
                        "urls": urls,
                        "bytes": size,
                        "queries": max(c["queries"] for c in counted.values()),
                        "in_process_ms": max(c["in_process_ms"] for c in counted.values()),
                        "page": page,
                        "baseline": base,
                        "bare": bare_base,
                    }
                )
                print(
                    f"  {time.perf_counter() - run_started:5.1f} s  {mode:<8} "
                    f"{page_type.name:<15} {page['rps']:7.0f} req/s (bare Django "
                    f"{bare_base['rps']:.0f}, site middleware {base['rps']:.0f}; "
                    f"load {os.getloadavg()[0]:.2f})"
                    + "".join(f"  {note}" for note in failures(page)),
                    flush=True,
                )
            server.stop()
            results[mode] = rows

        results["run"]["total_s"] = time.perf_counter() - run_started
        results["run"]["load_average_end"] = os.getloadavg()[0]
        report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str))
        failed = any(
            row["page"]["errors"] or row["baseline"]["errors"] or row["bare"]["errors"]
            for mode in modes
            for row in results[mode]
        )
        return 1 if failed else 0
    finally:
        for server in servers:
            server.stop()
        database.drop()


def missed(row, mode):
    if row["page"]["failed"]:
        return True  # its figures are those of an error page
    if mode in ("uncached", "signed in"):
        return row["ratio"] < GOAL_RATIO[mode] or row["queries"] > GOAL_QUERIES
    if not row["cacheable"]:
        return row["page"]["cache_hits"] > 0
    return row["ratio"] < GOAL_RATIO[mode] or row["page"]["cache_hits"] < 0.99


def report(results):
    run = results["run"]
    print()
    print(
        f"Route 2020 page benchmark — {run['date']}, commit {run['commit']}, scale {run['scale']}, "
        f"{run['database']}, {run['cache']} cache, gunicorn 2 sync workers, wrk "
        f"{run['concurrency']} connections × {run['duration_s']:g} s, {run['cpus']} CPUs, "
        f"load average at start {run['load_average']:.2f}, at the end "
        f"{run['load_average_end']:.2f}"
    )
    for mode, title in (
        ("uncached", "Uncached (PAGE_CACHE=0)"),
        ("cached", "Anonymous page cache on (PAGE_CACHE=1; queries = on a cache hit)"),
        ("signed in", "Signed in as a member (PAGE_CACHE=1, the session passes the page cache)"),
    ):
        if mode not in results:
            continue
        print(f"\n{title}\n")
        print(table(results[mode], mode, with_db=run["database"] == "postgresql"))
    misses = [
        f"{mode} {row['name']}"
        for mode in ("uncached", "cached", "signed in")
        for row in results.get(mode, ())
        if missed(row, mode)
    ]
    print()
    forms = [row["name"] for row in results["cached"] if not row["cacheable"]]
    if forms:
        print(
            f"Never page-cached, they carry a CSRF form: {', '.join(forms)} (their cached row "
            "is an uncached page)"
        )
    print("Goals missed: " + (", ".join(misses) if misses else "none"))
    failing = [
        f"{mode} {row['name']}: {note}"
        for mode in ("uncached", "cached")
        for row in results[mode]
        for note in failures(row["page"])
    ]
    if failing:
        print("Failed requests (their figures are not the page's):\n  " + "\n  ".join(failing))
    print(f"({run['total_s']:.0f} s in all)")


if __name__ == "__main__":
    sys.exit(main())
