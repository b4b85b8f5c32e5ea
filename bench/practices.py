#!/usr/bin/env python
"""Practice benchmark: the listing (plain, two filters, a search term) and the detail page at
1,000 and 100,000 practices, and the ratio between the two scales.

    .venv/bin/python bench/practices.py [--scales 1000 100000] [--database-url postgres://...]

Per scale: a fresh database (bench/pages.py's Database: SQLite under var/bench/, or a
throwaway PostgreSQL database), a home page and five themes (bench/content.py), 300 libraries
in the twelve provinces, `scale` practices written in bulk (route2020.demo.generate_practices),
adoptions for one practice in twenty, the search index; then gunicorn (bench/pages.py's
Server, production settings, page cache off) under `--concurrency` clients for `--duration`
seconds per kind of request. docs/practices.md explains the figures.
"""

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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


def parse_args(argv=None, *, concurrency=4):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--database-url", help="postgres://... (default: SQLite)")
    parser.add_argument("--duration", type=float, default=6.0, help="seconds per request kind")
    parser.add_argument("--concurrency", type=int, default=concurrency)
    parser.add_argument(
        "--rounds", type=int, default=6, help="alternating slices per kind and scale"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the databases (to measure again with --reuse)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the databases a --keep run left"
    )
    return parser.parse_args(argv)


def build(scale):
    """Content for one scale, written in bulk."""
    from django.db import transaction

    from bench.content import add_page, generate_all
    from route2020.core.models import Province
    from route2020.demo.generate_practices import create_practices, index_practices
    from route2020.practices.models import Adoption, PracticeIndexPage, PracticePage

    content, _timings = generate_all(scale, names=["home", "theme index"])
    rng = random.Random(2020)
    provinces = list(Province.objects.all())
    organisations = create_libraries(
        provinces, 300, rng, name="Bibliotheek", slug="bench-bibliotheek"
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


def create_libraries(provinces, count, rng, *, name, slug):
    """`count` libraries named "<name> <number>", in `provinces` in turn, each near its
    province's centre (bench/content.py makes the page benchmark's libraries so too)."""
    from route2020.core.models import Organisation

    return Organisation.objects.bulk_create(
        Organisation(
            name=f"{name} {number}",
            slug=f"{slug}-{number}",
            province=province,
            latitude=PROVINCE_CENTRES[province.code][0] + rng.uniform(-0.2, 0.2),
            longitude=PROVINCE_CENTRES[province.code][1] + rng.uniform(-0.2, 0.2),
        )
        for number in range(count)
        for province in [provinces[number % len(provinces)]]
    )


def request_paths():
    """The requests measured, per kind, from what the database holds."""
    from route2020.core.models import Province
    from route2020.practices.models import PracticePage
    from route2020.themes.models import ThemePage

    base = "/praktijkvoorbeelden/"
    provinces = list(Province.objects.order_by("code"))
    slugs = list(PracticePage.objects.order_by("pk").values_list("slug", flat=True))
    slugs = random.Random(2020).sample(slugs, min(20, len(slugs)))
    theme_slugs = list(ThemePage.objects.live().order_by("path").values_list("slug", flat=True))
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
    """The first request for each URL after a publish, when nothing is cached: facet counts
    and search ranking are computed (median, in this process). The warm-up task after a
    publish takes this cost away for the listings it warms; a rare filter combination or
    a new search term still pays it."""
    from django.test import Client
    from django.test.utils import override_settings

    from route2020.core.cache import invalidate
    from route2020.practices import listing_cache

    timings = []
    with override_settings(PAGE_CACHE_ENABLED=False, PRACTICES_WARM_LISTING=False):
        for url in urls:
            invalidate()
            listing_cache.invalidate()
            started = time.perf_counter()
            Client(HTTP_HOST="127.0.0.1").get(url)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return timings[len(timings) // 2]


def warm_up_seconds():
    """How long the task that runs after a publish takes to warm the common listings."""
    from django.test.utils import override_settings

    from route2020.practices import listing_cache

    with override_settings(PRACTICES_WARM_LISTING=False):
        listing_cache.invalidate()
        started = time.perf_counter()
        warmed = listing_cache.warm_listing.call(listing_cache.generation())
    return warmed, time.perf_counter() - started


def in_process(paths):
    """Per kind: queries, the steady-state median and the first request after a publish."""
    rows = {}
    for kind, urls in paths.items():
        cold = cold_ms(urls)
        queries = count_queries(urls, page_cache=False)
        timings = sorted(q["in_process_ms"] for q in queries.values())
        rows[kind] = {
            "queries": max(q["queries"] for q in queries.values()),
            "in_process_ms": timings[len(timings) // 2],
            "cold_ms": cold,
        }
    return rows


def measure(servers, paths, in_process_rows, args):
    """Every scale is served at the same time; each kind of request is measured in
    alternating slices per scale, so a neighbour's burst of work on the machine falls on
    both scales and their ratio stays fair."""
    results = {scale: {} for scale in servers}
    for kind in next(iter(paths.values())):
        runs = {scale: [] for scale in servers}
        for scale, server in servers.items():
            warm_up(server, paths[scale][kind])
        for _round in range(args.rounds):
            for scale, server in servers.items():
                runs[scale].append(
                    load(
                        server,
                        paths[scale][kind],
                        duration=args.duration / args.rounds,
                        concurrency=args.concurrency,
                    )
                )
        for scale in servers:
            run = summarise(runs[scale]) | in_process_rows[scale][kind]
            results[scale][kind] = run
            print(
                f"    {scale:>7,} {kind:<12} {run['rps']:7.0f} req/s  "
                f"p50 {run['p50_ms']:6.1f} ms  p99 {run['p99_ms']:6.1f} ms  "
                f"{run['queries']} queries  {run['errors']} errors",
                flush=True,
            )
    return results


def report(results, vendor, warm_ups):
    scales = sorted(results)
    print(f"\nPractices on {vendor}\n")
    for scale in scales:
        warmed, seconds = warm_ups[scale]
        print(f"Warm-up task after a publish at {scale:,}: {warmed} listings in {seconds:.1f} s")
    print()
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


def scale_database(args, scale):
    """A database of its own per scale, so that both can be served at the same time."""
    if args.database_url:
        parts = urlsplit(args.database_url)
        url = urlunsplit(parts._replace(path=f"/route2020_bench_practices_{scale}"))
        return Database(url, fresh=False, keep=args.keep)
    database = Database(None, fresh=False, keep=args.keep)
    database.path = VAR / f"practices-{scale}.sqlite3"
    database.url = f"sqlite:///{database.path}"
    return database


def use_database(database):
    """Point this process's Django at another scale's database."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()
    name = str(database.path) if database.vendor == "sqlite" else database.name
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name
    cache.clear()


def server_environment(database, scale):
    env = bench_environment(database.url, None, page_cache=False)
    # A cache directory of its own, empty: the two servers must not read each other's
    # counts, nor a previous run's.
    var_dir = VAR / f"practices-{scale}"
    shutil.rmtree(var_dir, ignore_errors=True)
    env["ROUTE2020_VAR_DIR"] = str(var_dir)
    return env


def prepare(database, scale, *, reuse, started):
    """Migrate the scale's database; unless `reuse`, fill it with `scale` practices first
    (from the migrated template when there is one) and analyse it."""
    from django.core.management import call_command

    if reuse:
        use_database(database)
        call_command("migrate", interactive=False, verbosity=0)
        return
    from_template = database.create()
    use_database(database)
    call_command("migrate", interactive=False, verbosity=0)
    if not from_template:
        database.save_template()
        use_database(database)
    build(scale)
    database.analyze()
    print(f"    content ready in {time.perf_counter() - started:.0f} s", flush=True)


def main(argv=None):
    args = parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    databases = {scale: scale_database(args, scale) for scale in args.scales}
    first = databases[args.scales[0]]
    os.environ.update(server_environment(first, "process"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    paths, in_process_rows, warm_ups, servers = {}, {}, {}, {}
    try:
        for scale, database in databases.items():
            started = time.perf_counter()
            connections.close_all()
            print(f"{scale:,} practices ({database.vendor})", flush=True)
            prepare(database, scale, reuse=args.reuse, started=started)
            paths[scale] = request_paths()
            in_process_rows[scale] = in_process(paths[scale])
            warm_ups[scale] = warm_up_seconds()
            print(
                f"    warm-up after a publish: {warm_ups[scale][0]} listings "
                f"in {warm_ups[scale][1]:.1f} s",
                flush=True,
            )
        call_command("collectstatic", interactive=False, verbosity=0, clear=True)
        connections.close_all()
        for scale, database in databases.items():
            env = server_environment(database, scale)
            servers[scale] = Server(env, f"practices-{scale}").start()
        results = measure(servers, paths, in_process_rows, args)
    finally:
        for server in servers.values():
            server.stop()
        connections.close_all()
        for database in databases.values():
            if not args.keep:
                database.drop()
    report(results, first.vendor, warm_ups)
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
