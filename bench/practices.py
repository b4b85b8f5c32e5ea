#!/usr/bin/env python
"""Practice benchmark: the listing (plain, two filters, a search term) and the detail page at
1,000 and 100,000 practices, and the ratio between the two scales.

    .venv/bin/python bench/practices.py [--scales 1000 100000] [--database-url postgres://...]

Per scale: a fresh database (bench/pages.py's Database: SQLite under var/bench/, or a
throwaway PostgreSQL database), a home page and five themes (bench/content.py), 300 libraries
in the twelve provinces, `scale` practices written in bulk (route2020.practices.generate),
adoptions for one practice in twenty, the search index; then gunicorn (bench/pages.py's
Server, production settings, page cache off) under `--concurrency` clients for `--duration`
seconds per kind of request. docs/practices.md explains the figures.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import (  # noqa: E402
    VAR,
    Database,
    Server,
    bench_environment,
    count_queries,
    load,
    summarise,
    warm_up,
)

GOAL_RATIO = 1.5
GOAL_SEARCH_P99_MS = 100
PROVINCE_CENTRES = {
    "PV20": (53.2, 6.7), "PV21": (53.1, 5.8), "PV22": (52.9, 6.6), "PV23": (52.4, 6.4),
    "PV24": (52.5, 5.6), "PV25": (52.0, 5.9), "PV26": (52.1, 5.2), "PV27": (52.5, 4.8),
    "PV28": (52.0, 4.5), "PV29": (51.5, 3.8), "PV30": (51.6, 5.2), "PV31": (51.2, 5.9),
}  # fmt: skip


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--database-url", help="postgres://... (default: SQLite)")
    parser.add_argument("--duration", type=float, default=6.0, help="seconds per request kind")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL database of the last scale"
    )
    return parser.parse_args(argv)


def build(scale):
    """Content for one scale; returns the request paths per kind."""
    from django.db import transaction

    from bench.content import add_page, generate_all
    from route2020.core.models import Organisation, Province
    from route2020.practices.generate import create_practices, index_practices
    from route2020.practices.models import Adoption, PracticeIndexPage, PracticePage

    content, _timings = generate_all(scale, names=["home", "theme index"])
    rng = random.Random(2020)
    provinces = list(Province.objects.all())
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bibliotheek {number}",
            slug=f"bench-bibliotheek-{number}",
            province=province,
            latitude=PROVINCE_CENTRES[province.code][0] + rng.uniform(-0.2, 0.2),
            longitude=PROVINCE_CENTRES[province.code][1] + rng.uniform(-0.2, 0.2),
        )
        for number in range(300)
        for province in [provinces[number % len(provinces)]]
    )
    with transaction.atomic():
        index = add_page(
            content.pages["home"],
            PracticeIndexPage(title="Praktijkvoorbeelden", slug="praktijkvoorbeelden"),
        )
        create_practices(
            index, scale, themes=content.pages["themes"], organisations=organisations, rng=rng
        )
        ids = list(PracticePage.objects.values_list("pk", "organisation_id"))
        adoptions = []
        for pk, organisation_id in rng.sample(ids, len(ids) // 20):
            adopter = rng.choice(organisations)
            if adopter.pk != organisation_id:
                adoptions.append(Adoption(practice_id=pk, organisation=adopter, how_it_went="Goed"))
        Adoption.objects.bulk_create(adoptions)
        for adoption in adoptions:
            PracticePage.objects.filter(pk=adoption.practice_id).update(adoption_count=1)
    started = time.perf_counter()
    index_practices()
    print(f"    search index {time.perf_counter() - started:.1f} s", flush=True)
    base = "/praktijkvoorbeelden/"
    slugs = list(PracticePage.objects.order_by("?").values_list("slug", flat=True)[:20])
    theme_slugs = [theme.slug for theme in content.pages["themes"]]
    return {
        "listing": [base, f"{base}?pagina=2", f"{base}?sort=meest-overgenomen"],
        "two filters": [
            f"{base}?provincie={province.slug}&soort={kind}"
            for province in provinces[:6]
            for kind in ("proeftuin", "praktijkvoorbeeld")
        ]
        + [f"{base}?thema={slug}&status=lopend" for slug in theme_slugs],
        "search": [
            f"{base}?q={term}"
            for term in ("taalcaf%C3%A9", "voorlezen", "makerspace", "dementie", "vrijwilligers")
        ]
        + [f"{base}?q=ouderen&provincie={provinces[0].slug}"],
        "detail": [f"{base}{slug}/" for slug in slugs],
    }


def cold_ms(urls):
    """The first request for each URL after a publish: facet counts and search ranking are
    computed, not read from the cache (median, in this process)."""
    from django.test import Client
    from django.test.utils import override_settings

    from route2020.core.cache import invalidate

    timings = []
    with override_settings(PAGE_CACHE_ENABLED=False):
        for url in urls:
            invalidate()
            started = time.perf_counter()
            Client(HTTP_HOST="127.0.0.1").get(url)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return timings[len(timings) // 2]


def measure(paths, database_url, args):
    cold = {kind: cold_ms(urls) for kind, urls in paths.items()}
    queries = {kind: count_queries(urls, page_cache=False) for kind, urls in paths.items()}
    from django.db import connections

    connections.close_all()
    server = Server(bench_environment(database_url, None, page_cache=False), "practices").start()
    rows = {}
    try:
        for kind, urls in paths.items():
            warm_up(server, urls)
            run = summarise(
                [
                    load(
                        server,
                        urls,
                        duration=args.duration,
                        concurrency=args.concurrency,
                        max_requests=1_000_000,
                    )
                ]
            )
            run["queries"] = max(q["queries"] for q in queries[kind].values())
            # One request at a time in this process: less sensitive to a busy machine.
            in_process = sorted(q["in_process_ms"] for q in queries[kind].values())
            run["in_process_ms"] = in_process[len(in_process) // 2]
            run["cold_ms"] = cold[kind]
            rows[kind] = run
            print(
                f"    {kind:<12} {run['rps']:7.0f} req/s  p50 {run['p50_ms']:6.1f} ms  "
                f"p99 {run['p99_ms']:6.1f} ms  {run['queries']} queries  "
                f"{run['errors']} errors",
                flush=True,
            )
    finally:
        server.stop()
    return rows


def report(results, vendor):
    scales = sorted(results)
    print(f"\nPractices on {vendor}\n")
    print(
        "| scale | request | req/s | p50 ms | p99 ms | queries | in-process median ms "
        "| first request after a publish, median ms |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for scale in scales:
        for kind, row in results[scale].items():
            print(
                f"| {scale:,} | {kind} | {row['rps']:,.0f} | {row['p50_ms']:.1f} "
                f"| {row['p99_ms']:.1f} | {row['queries']} | {row.get('in_process_ms', 0):.1f} "
                f"| {row.get('cold_ms', 0):.1f} |"
            )
    if len(scales) >= 2:
        small, large = scales[0], scales[-1]
        print(
            f"\nRatio {large:,}/{small:,} (goal ≤ {GOAL_RATIO}: p50 latency, and req/s inverted)\n"
        )
        print("| request | p50 ratio | p99 ratio | req/s ratio | goal |")
        print("| --- | ---: | ---: | ---: | --- |")
        for kind in results[small]:
            a, b = results[small][kind], results[large][kind]
            p50 = b["p50_ms"] / a["p50_ms"]
            p99 = b["p99_ms"] / a["p99_ms"]
            rps = a["rps"] / b["rps"] if b["rps"] else float("inf")
            ok = p50 <= GOAL_RATIO and rps <= GOAL_RATIO
            print(f"| {kind} | {p50:.2f} | {p99:.2f} | {rps:.2f} | {'ok' if ok else 'MISS'} |")
        search_p99 = results[large]["search"]["p99_ms"]
        print(
            f"\nSearch p99 at {large:,}: {search_p99:.1f} ms "
            f"(goal < {GOAL_SEARCH_P99_MS} ms on PostgreSQL)"
        )


def main(argv=None):
    args = parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    database = Database(args.database_url, fresh=False, keep=args.keep)
    if database.vendor == "sqlite":
        # A file of its own, so a bench/pages.py run at the same time does not collide.
        database.path = VAR / "practices.sqlite3"
        database.url = f"sqlite:///{database.path}"
    env = bench_environment(database.url, None)
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    results = {}
    try:
        for scale in args.scales:
            started = time.perf_counter()
            connections.close_all()
            from_template = database.create()
            call_command("migrate", interactive=False, verbosity=0)
            if not from_template:
                database.save_template()
            print(f"{scale:,} practices ({database.vendor})", flush=True)
            paths = build(scale)
            call_command("collectstatic", interactive=False, verbosity=0, clear=True)
            print(f"    content ready in {time.perf_counter() - started:.0f} s", flush=True)
            results[scale] = measure(paths, database.url, args)
    finally:
        connections.close_all()
        database.drop()
    report(results, database.vendor)
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
