#!/usr/bin/env python
"""Scale-out simulation: 1, 2 and 4 app servers on one PostgreSQL and one Redis.

    .venv/bin/python bench/scaleout.py [--servers 1 2 4] [--workers 2] [--practices 1000]
        [--duration 20] [--concurrency 16] [--registrations 300] [--capacity 100]
        [--database-url postgres://postgres@127.0.0.1:5432/route2020_bench_scaleout]
        [--redis-url redis://127.0.0.1:6379/5]

Each app server is a gunicorn of its own (`--workers` sync workers, production settings) on
a port of its own, as separate machines behind a load balancer would be; all share one
PostgreSQL database (a throwaway one, from the bench template when the migrations are
unchanged) and one Redis, which holds the cache, the sessions (cached_db) and the task queue
(TASK_BACKEND=rq; no task worker runs, the mails wait in the queue).

Per number of servers:

* **uncached pages** (PAGE_CACHE=0): the home page, the practice listing plain and filtered,
  and practice pages, loaded for `--duration` seconds by `wrk` (Debian's package) with a Lua
  script that gives each of its threads one server in turn (round robin by connection, the
  way a balancer spreads keep-alive clients) and walks the paths per request. Without wrk,
  Python threads do the same, round robin by request (they cost the client more CPU).
* **registrations**: a new event with `--capacity` places; `--registrations` visitors each
  open the event page (for the CSRF token) and post the form, the i-th through server
  i mod n, `--concurrency` at a time; only the POSTs are timed. Then all of them confirm
  their registration (the link in their mail) at once, again spread over every server:
  that is where a place is taken. The bench fails when more than `--capacity` are confirmed.

Prints requests per second and p99 for both, and the confirmed places against the capacity,
next to the machine's load. Throughput grows with servers until the CPU (this machine has
what it has: the servers, PostgreSQL, Redis and the load generator share it) or the database
is the limit. docs/benchmarks.md has the figures of a run on a quiet machine.
"""

import argparse
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import (  # noqa: E402
    GUNICORN,
    ROOT,
    VAR,
    Database,
    bench_environment,
    free_port,
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/route2020_bench_scaleout"
DEFAULT_REDIS = "redis://127.0.0.1:6379/5"
HOST = "127.0.0.1"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def percentile(sorted_values, fraction):
    """The value at `fraction` of `sorted_values` (nearest rank); NaN when there is none."""
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--practices", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=20, help="seconds of page load")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--registrations", type=int, default=300)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--python-load", action="store_true", help="no wrk, Python clients")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args(argv)


# --- app servers -------------------------------------------------------------------------------


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


class AppServer:
    """One gunicorn, as one machine behind the balancer."""

    def __init__(self, env, label, workers):
        self.env, self.label, self.workers = env, label, workers
        self.port = free_port()
        self.log_path = VAR / f"scaleout-{label}.log"

    def start(self):
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "route2020.wsgi:application",
                f"--workers={self.workers}",
                "--worker-class=sync",
                f"--bind={HOST}:{self.port}",
                f"--chdir={ROOT}",
                "--timeout=60",
                "--log-level=warning",
            ],
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped:\n{self.log_path.read_text()[-3000:]}")
            try:
                if request(self.port, "GET", "/gezondheid/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not answer:\n{self.log_path.read_text()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


# --- uncached pages ----------------------------------------------------------------------------

WRK_SCRIPT = """
-- Round robin: thread i is connected to server i mod n; each thread walks the paths.
local ports = {%(ports)s}
local paths = {%(paths)s}
local addrs = nil
local counter = 0

function setup(thread)
  if addrs == nil then
    addrs = {}
    for _, port in ipairs(ports) do
      table.insert(addrs, wrk.lookup("%(host)s", tostring(port))[1])
    end
  end
  thread.addr = addrs[(counter %% #addrs) + 1]
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  step = offset
end

function request()
  step = step + 1
  return wrk.format("GET", paths[(step %% #paths) + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p99_ms": %%f, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status))
end
"""


def wrk_load(ports, paths, *, duration, concurrency):
    threads = max(len(ports), min(4, concurrency))
    threads -= threads % len(ports)  # every server the same number of threads
    script = WRK_SCRIPT % {
        "ports": ", ".join(str(port) for port in ports),
        "paths": ", ".join(json.dumps(path) for path in paths),
        "host": HOST,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                f"--threads={threads}",
                f"--connections={max(concurrency, threads)}",
                f"--duration={max(1, round(duration))}s",
                "--timeout=10s",
                f"--script={file.name}",
                f"http://{HOST}:{ports[0]}/",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(file.name)
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["load_generator"] = "wrk"
    return result


def python_load(ports, paths, *, duration, concurrency):
    """Threads, request i to server i mod n."""
    counter = itertools.count()
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.perf_counter() + duration

    def client():
        while time.perf_counter() < stop_at:
            step = next(counter)
            started = time.perf_counter()
            try:
                status = request(ports[step % len(ports)], "GET", paths[step % len(paths)])[0]
            except OSError:
                status = 0
            with lock:
                latencies.append(time.perf_counter() - started)
                errors[0] += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "errors": errors[0],
        "load_generator": "python",
    }


# --- registrations ---------------------------------------------------------------------------


def form_post(port, path, fields, timings=None):
    """GET the page for its CSRF token and cookie, then POST the form; returns the status."""
    status, headers, body = request(port, "GET", path)
    if status != 200:
        return status
    token = CSRF.search(body).group(1).decode()
    cookie = next(
        value.split(";", 1)[0]
        for name, value in headers
        if name.lower() == "set-cookie" and value.startswith("csrftoken=")
    )
    started = time.perf_counter()
    status = request(
        port,
        "POST",
        fields.pop("_action", path),
        body=urlencode({"csrfmiddlewaretoken": token, **fields}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )[0]
    if timings is not None:
        timings.append(time.perf_counter() - started)
    return status


def run_parallel(jobs, concurrency):
    """Run the callables `concurrency` at a time; returns their results in order."""
    results = [None] * len(jobs)
    counter = itertools.count()

    def worker():
        for index in iter(lambda: next(counter), None):
            if index >= len(jobs):
                return
            results[index] = jobs[index]()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def new_event(number, capacity):
    from django.utils import timezone

    from bench.content import add_page
    from route2020.events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    start = timezone.now() + timedelta(days=30)
    return add_page(
        index,
        EventPage(
            title=f"Deel je rijk {number}",
            slug=f"deel-je-rijk-{number}",
            start=start,
            end=start + timedelta(hours=4),
            venue_name="Cultura",
            venue_address="Molenstraat 45, Ede",
            capacity=capacity,
        ),
    )


def registration_run(ports, servers, args):
    from route2020.events.models import Registration

    event = new_event(len(ports), args.capacity)
    page = event.url
    timings = []

    def register(number):
        return lambda: form_post(
            ports[number % len(ports)],
            page,
            {
                "_action": event.register_url,
                "name": f"Bezoeker {number}",
                "email": f"bezoeker{number}.{len(ports)}@bieb.example",
            },
            timings,
        )

    statuses, elapsed = run_parallel(
        [register(number) for number in range(args.registrations)], args.concurrency
    )
    pending = list(Registration.objects.filter(event=event))

    def confirm(number, registration):
        path = registration.get_personal_url() + "bevestigen/"
        return lambda: form_post(ports[number % len(ports)], path, {})

    confirmed_statuses, _ = run_parallel(
        [confirm(number, registration) for number, registration in enumerate(pending)],
        args.concurrency,
    )
    states = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    timings.sort()
    return {
        "registrations": len(pending),
        "rps": len(timings) / elapsed,
        "p50_ms": percentile(timings, 0.5) * 1000,
        "p99_ms": percentile(timings, 0.99) * 1000,
        "errors": sum(status != 302 for status in statuses + confirmed_statuses),
        "confirmed": states.count(Registration.Status.CONFIRMED),
        "waitlisted": states.count(Registration.Status.WAITLISTED),
        "capacity": args.capacity,
    }


# --- the run -----------------------------------------------------------------------------------


def page_paths():
    from bench.practices import request_paths

    paths = request_paths()
    return ["/", *paths["listing"], *paths["two filters"][:6], *paths["detail"]]


def build_content(args, database):
    from django.core.management import call_command
    from wagtail.models import Site

    from bench.content import add_page
    from bench.practices import build
    from route2020.events.models import EventIndexPage

    from_template = database.create()
    call_command("migrate", interactive=False, verbosity=0)
    if not from_template:
        database.save_template()
    build(args.practices)
    home = Site.objects.get(is_default_site=True).root_page
    add_page(home, EventIndexPage(title="Bijeenkomsten", slug="bijeenkomsten", show_in_menus=True))
    database.analyze()
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)


def empty_task_queue():
    import django_rq

    django_rq.get_queue("default").empty()


def main(argv=None):
    args = parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database-url: PostgreSQL (the scale-out shares one database)")
    VAR.mkdir(parents=True, exist_ok=True)
    database = Database(args.database_url, fresh=False, keep=args.keep)
    env = bench_environment(database.url, args.redis_url, page_cache=False)
    var_dir = VAR / "scaleout"
    shutil.rmtree(var_dir, ignore_errors=True)
    env.update(
        ROUTE2020_VAR_DIR=str(var_dir),
        TASK_BACKEND="rq",
        TASK_REDIS_URL=args.redis_url,
        SESSION_STORE="cached_db",
    )
    os.environ.update(env)
    import django

    django.setup()
    started = time.perf_counter()
    build_content(args, database)
    paths = page_paths()
    print(
        f"{args.practices:,} practices, {len(paths)} page paths, content ready in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    wrk = shutil.which("wrk") and not args.python_load
    results = []
    try:
        from django.db import connections

        for count in args.servers:
            connections.close_all()
            servers = [
                AppServer(env, f"{count}-{number}", args.workers).start() for number in range(count)
            ]
            ports = [server.port for server in servers]
            try:
                loader = wrk_load if wrk else python_load
                loader(ports, paths, duration=1, concurrency=args.concurrency)  # warm up
                pages = loader(ports, paths, duration=args.duration, concurrency=args.concurrency)
                registrations = registration_run(ports, servers, args)
            finally:
                for server in servers:
                    server.stop()
            results.append({"servers": count, "pages": pages, "registrations": registrations})
            print(
                f"  {count} server(s): pages {pages['rps']:.0f}/s p99 {pages['p99_ms']:.0f} ms; "
                f"registrations {registrations['rps']:.0f}/s p99 "
                f"{registrations['p99_ms']:.0f} ms; confirmed {registrations['confirmed']} of "
                f"{registrations['capacity']}",
                flush=True,
            )
    finally:
        empty_task_queue()
        from django.db import connections

        connections.close_all()
        database.drop()
    report(results, args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    overbooked = [r for r in results if r["registrations"]["confirmed"] > args.capacity]
    if overbooked:
        raise SystemExit(f"OVERBOOKED: {overbooked}")
    return 0


def report(results, args):
    load1, load5, _ = os.getloadavg()
    generator = results[0]["pages"]["load_generator"] if results else "-"
    print()
    print(
        f"Scale-out: {args.workers} gunicorn workers per server, {os.cpu_count()} CPUs, "
        f"load average {load1:.1f} / {load5:.1f}, pages by {generator}, "
        f"{args.concurrency} clients"
    )
    print(
        f"{'servers':>7} {'pages/s':>9} {'p99 ms':>8} {'errors':>7} "
        f"{'regist./s':>10} {'p99 ms':>8} {'errors':>7} {'confirmed':>10} {'overbooked':>11}"
    )
    first = results[0]["pages"]["rps"] if results else 0
    for row in results:
        pages, registrations = row["pages"], row["registrations"]
        over = registrations["confirmed"] > registrations["capacity"]
        print(
            f"{row['servers']:>7} {pages['rps']:>9.0f} {pages['p99_ms']:>8.0f} "
            f"{pages['errors']:>7} {registrations['rps']:>10.1f} {registrations['p99_ms']:>8.0f} "
            f"{registrations['errors']:>7} "
            f"{registrations['confirmed']:>4} / {registrations['capacity']:<4} "
            f"{'YES' if over else 'no':>11}"
        )
    if len(results) > 1 and first:
        growth = ", ".join(
            f"{row['servers']}: {row['pages']['rps'] / first:.2f}x" for row in results
        )
        print(f"page throughput against one server: {growth}")


if __name__ == "__main__":
    sys.exit(main())
