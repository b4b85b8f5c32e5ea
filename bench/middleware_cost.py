#!/usr/bin/env python
"""CPU per request of the site's middleware, in-process: page-cache hits and the baseline.

    .venv/bin/python bench/middleware_cost.py [PATH ...] [--requests 1000] [--rounds 5]
        [--database-url URL] [--bare]

Uses the database the last `bench/pages.py` run left (var/bench/bench.sqlite3) and the
benchmark's production settings (bench/settings.py) with the page cache on, and calls Django's
WSGI handler directly (no server, no socket): what is measured is Django and the site's
middleware only. For each path (default: the home page and the first event page, both served
from the page cache after a first request, and `/bench/baseline/<size>/` through the whole
middleware) it prints the CPU milliseconds per request (`time.process_time()`), the best of
`--rounds` alternating rounds. `--bare` runs the same baseline in a bare Django project
(bench/bare/) in a second process, for the ratio. CPU time is what to compare on a busy machine;
note the load average beside it.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def environ_for(path):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_ACCEPT": "text/html",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(app, path):
    status = []
    body = app(environ_for(path), lambda s, headers, exc_info=None: status.append((s, headers)))
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return status[0][0], dict(status[0][1]), content


def cpu_ms(app, path, n):
    started = time.process_time()
    for _ in range(n):
        request(app, path)
    return (time.process_time() - started) * 1000 / n


def bare(size, n, rounds):
    """The baseline in the bare project, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))}
    env["DJANGO_SETTINGS_MODULE"] = "bench.bare.settings"
    out = subprocess.run(
        [sys.executable, __file__, "--child-bare", str(size), str(n), str(rounds)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def child_bare(size, n, rounds):
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    path = f"/bench/baseline/{size}/"
    for _ in range(50):
        request(app, path)
    print(json.dumps([cpu_ms(app, path, n) for _ in range(rounds)]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url")
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--child-bare", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_bare:
        return child_bare(*args.child_bare)

    from bench.pages import VAR, bench_environment, sqlite_url

    os.environ.update(bench_environment(args.database_url or sqlite_url(), None, page_cache=True))
    os.environ.pop("REDIS_URL", None)
    os.environ["CACHE_DIR"] = str(VAR / "diskcache-middleware-cost")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from route2020.core.cache import invalidate

    paths = args.paths
    if not paths:
        from route2020.events.models import EventPage

        event = EventPage.objects.live().order_by("pk").first()
        paths = ["/"] + ([event.url] if event else [])
    app = WSGIHandler()
    invalidate()
    sizes = []
    for path in paths:
        status, headers, content = request(app, path)
        status, headers, content = request(app, path)
        print(f"{path}: {status}, {len(content)} bytes, X-Page-Cache {headers.get('X-Page-Cache')}")
        sizes.append(len(content))
    size = round(sum(sizes) / len(sizes))
    targets = [*paths, f"/bench/baseline/{size}/"]
    for path in targets:
        for _ in range(50):
            request(app, path)
    results = {path: [] for path in targets}
    for _ in range(args.rounds):
        for path in targets:
            results[path].append(cpu_ms(app, path, args.requests))
    bare_ms = bare(size, args.requests, args.rounds) if args.bare else None
    print(f"load average {os.getloadavg()[0]:.2f}; {args.requests} requests x {args.rounds} rounds")
    reference = min(bare_ms) if bare_ms else None
    for path, figures in results.items():
        best = min(figures)
        ratio = f"  {reference / best:.2f} x bare" if reference else ""
        median = sorted(figures)[len(figures) // 2]
        print(f"  {best:6.3f} ms CPU/req (median {median:.3f}){ratio}  {path}")
    if bare_ms:
        print(f"  {reference:6.3f} ms CPU/req  bare Django /bench/baseline/{size}/")


if __name__ == "__main__":
    main()
