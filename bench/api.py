#!/usr/bin/env python
"""API benchmark: the practice list endpoint of /api/v1/ (first page, a large page, a page
deep in the list, the other order, two filters, a search) and one practice, at 1,000 and
100,000 practices, with the ratio between the two scales.

    .venv/bin/python bench/api.py [--scales 1000 100000] [--database-url postgres://...]
                                  [--keep | --reuse]

The data and the databases are bench/practices.py's (same generation, same database names
per scale), so `bench/practices.py --keep` followed by `bench/api.py --reuse` measures the
API on the data the listing was measured on, and the other way round. gunicorn serves each
scale (production settings, page cache off, rate limit off: every answer is computed), and
each kind of request is measured in alternating slices per scale (bench/practices.py's
`measure`: a second of uncounted load first, percentiles over all slices' requests). Beside
wrk's latency (what a client waits: connect, listen queue, answer) it prints the service
time, each request's time inside its worker (gunicorn's access log), and the longest of
either. Goal: 100k/1k p50 ratio ≤ 1.5 and p99 < 100 ms for the list on PostgreSQL.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import VAR, Server, count_queries  # noqa: E402
from bench.practices import (  # noqa: E402
    measure,
    parse_args,
    prepare,
    scale_database,
    server_environment,
)

GOAL_RATIO = 1.5
WORKERS = 2  # bench.pages.Server: gunicorn, 2 sync workers per scale
GOAL_P99_MS = 100
BASE = "/api/v1/practices/"


def api_environment(database, scale):
    env = server_environment(database, scale)
    env["API_RATE_LIMIT"] = ""  # the benchmark's clients all come from 127.0.0.1
    return env


def request_paths():
    """The requests measured, per kind, from what the database holds."""
    import random

    from route2020.api.pagination import encode_cursor
    from route2020.core.models import Province
    from route2020.practices.models import PracticePage
    from route2020.themes.models import ThemePage

    newest = PracticePage.objects.live().order_by("-sort_date", "-pk")
    count = newest.count()
    middle = newest.only("sort_date")[count // 2]
    deep = encode_cursor({"k": [middle.sort_date.isoformat()], "id": middle.pk, "d": "n"})
    provinces = list(Province.objects.order_by("code").values_list("slug", flat=True))
    themes = list(ThemePage.objects.live().order_by("path").values_list("slug", flat=True))
    ids = list(PracticePage.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "list": [
            BASE,
            f"{BASE}?page_size=100",
            f"{BASE}?cursor={deep}",
            f"{BASE}?sort=meest-overgenomen",
        ],
        "filters": [
            f"{BASE}?provincie={province}&soort={kind}"
            for province in provinces[:6]
            for kind in ("proeftuin", "praktijkvoorbeeld")
        ]
        + [f"{BASE}?thema={slug}&status=lopend" for slug in themes],
        "search": [
            f"{BASE}?q={term}"
            for term in ("taalcaf%C3%A9", "voorlezen", "makerspace", "dementie", "vrijwilligers")
        ],
        "detail": [f"{BASE}{pk}/" for pk in random.Random(2020).sample(ids, min(20, len(ids)))],
    }


def in_process(paths):
    """Per kind: the most SQL queries of one answer and the in-process median."""
    rows = {}
    for kind, urls in paths.items():
        queries = count_queries(urls, page_cache=False)
        timings = sorted(q["in_process_ms"] for q in queries.values())
        rows[kind] = {
            "queries": max(q["queries"] for q in queries.values()),
            "in_process_ms": timings[len(timings) // 2],
        }
    return rows


def load_note(concurrency):
    """What the latency under load includes: with more connections than sync workers, a
    request waits in the listen queue for the ones before it (closed loop: every connection
    sends its next request as soon as it has an answer), so p50 and p99 are about
    connections / workers times the service time, whatever that time is."""
    queued = max(0.0, concurrency / WORKERS - 1)
    return (
        f"wrk: {concurrency} connections (2 threads) per scale against {WORKERS} sync gunicorn "
        f"workers; each request waits for about {queued:g} other request(s) of its worker "
        "before it is served"
        + ("" if queued else ": the latency is the service time plus a loopback connect")
    )


def report(results, vendor, concurrency):
    scales = sorted(results)
    print(f"\nAPI (practice list endpoint) on {vendor}\n")
    print(load_note(concurrency) + "\n")
    print(
        "| scale | request | req/s | p50 ms | p99 ms | max ms | service p50 ms "
        "| service p99 ms | service max ms | queries | in-process median ms |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for scale in scales:
        for kind, row in results[scale].items():
            print(
                f"| {scale:,} | {kind} | {row['rps']:,.0f} | {row['p50_ms']:.1f} "
                f"| {row['p99_ms']:.1f} | {row.get('max_ms', float('nan')):.1f} "
                f"| {row.get('service_p50_ms', float('nan')):.1f} "
                f"| {row.get('service_p99_ms', float('nan')):.1f} "
                f"| {row.get('service_max_ms', float('nan')):.1f} "
                f"| {row['queries']} | {row['in_process_ms']:.1f} |"
            )
    if len(scales) < 2:
        return
    small, large = scales[0], scales[-1]
    print(f"\nRatio {large:,}/{small:,} (goal for the list: p50 ≤ {GOAL_RATIO}, ")
    print(f"p99 < {GOAL_P99_MS} ms at {large:,})\n")
    print("| request | p50 ratio | p99 ratio | p99 ms at the large scale | goal |")
    print("| --- | ---: | ---: | ---: | --- |")
    for kind in results[small]:
        a, b = results[small][kind], results[large][kind]
        p50, p99 = b["p50_ms"] / a["p50_ms"], b["p99_ms"] / a["p99_ms"]
        ok = p50 <= GOAL_RATIO and b["p99_ms"] < GOAL_P99_MS
        print(f"| {kind} | {p50:.2f} | {p99:.2f} | {b['p99_ms']:.1f} | {'ok' if ok else 'MISS'} |")


def main(argv=None):
    # A latency measurement: by default as many connections as workers, so that p99 is the
    # answer's own time, not the queue before it (bench/practices.py's 4 queue one).
    args = parse_args(argv, concurrency=WORKERS)
    VAR.mkdir(parents=True, exist_ok=True)
    databases = {scale: scale_database(args, scale) for scale in args.scales}
    first = databases[args.scales[0]]
    os.environ.update(api_environment(first, "process"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    paths, in_process_rows, servers, results = {}, {}, {}, {}
    try:
        for scale, database in databases.items():
            started = time.perf_counter()
            connections.close_all()
            print(f"{scale:,} practices ({database.vendor})", flush=True)
            prepare(database, scale, reuse=args.reuse, started=started)
            paths[scale] = request_paths()
            in_process_rows[scale] = in_process(paths[scale])
        call_command("collectstatic", interactive=False, verbosity=0, clear=True)
        connections.close_all()
        for scale, database in databases.items():
            servers[scale] = Server(
                api_environment(database, scale), f"api-{scale}", service_times=True
            ).start()
        results = measure(servers, paths, in_process_rows, args)
    finally:
        for server in servers.values():
            server.stop()
        connections.close_all()
        for database in databases.values():
            if not args.keep:
                database.drop()
    report(results, first.vendor, args.concurrency)
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
