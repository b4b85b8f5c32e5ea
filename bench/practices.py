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
import re
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
GOAL_AFTER_PUBLISH_MS = 100
GOAL_CHOOSER_P99_MS = 100
# What an editor types into a session's practice chooser, keystroke by keystroke (from two
# characters on, as the chooser asks): words of the generated titles, a place, a word that
# is in no title.
CHOOSER_WORDS = ("voorleesontbijt", "digitaal spreekuur", "alzheimer", "deventer", "qwertyuiop")
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
        "--reuse",
        action="store_true",
        help="measure the databases a --keep run left (and keep them)",
    )
    args = parser.parse_args(argv)
    args.keep = args.keep or args.reuse  # a reused database is never dropped afterwards
    return args


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


def after_publish(paths):
    """The first request for each address after a publish, in this process as in a worker
    (every memo of the old content generation gone), with the task worker's part played here
    (django-tasks' dummy backend collects what is queued, and it is run when a worker would
    have run it). Per kind: the median and the slowest first request

    * `warmed`: the worker has run the warm-up task (`listing_cache.warm_listing`), as it
      does seconds after a publish: the common listings find their new counts; a listing it
      does not cover (two filters, a search) shows its previous counts and queues a refresh;
    * `before`: nobody has run anything yet: every listing shows its previous counts.

    The publish is real: a practice is unpublished (and published again for the second
    measurement), and `correct` says whether the plain listing then shows as many practices
    as are live, once the warm-up has run. Every address is asked once beforehand, so that
    it has counts of an earlier generation to show, as a listing visitors open has."""
    from django.test import Client
    from django.test.utils import override_settings

    from route2020.core.pages import public
    from route2020.practices.models import PracticePage

    client = Client(HTTP_HOST="127.0.0.1")
    tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(PAGE_CACHE_ENABLED=False, PRACTICES_WARM_LISTING=True, TASKS=tasks):
        from django_tasks import default_task_backend

        def run_queued():
            while default_task_backend.results:
                queued = default_task_backend.results.pop(0)
                queued.task.call(*queued.args, **queued.kwargs)

        def first_requests():
            timings = {}
            for kind, urls in paths.items():
                timings[kind] = []
                for url in urls:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings[kind].append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{url} answered {response.status_code}")
            return timings

        practice = PracticePage.objects.live().order_by("-pk").first()
        for urls in paths.values():
            for url in urls:
                client.get(url)
        run_queued()
        practice.unpublish()  # a publish moves the generations the same way
        before = first_requests()
        run_queued()  # the warm-up, and the refreshes the requests queued
        html = client.get(next(iter(paths.values()))[0]).content.decode()
        shown = re.search(r'id="results-heading"[^>]*>\s*([\d.,]+) praktijkvoorbeeld', html)
        live = public(PracticePage.objects.live()).count()
        correct = bool(shown) and int(re.sub(r"\D", "", shown[1])) == live
        practice.refresh_from_db()
        practice.save_revision().publish()
        run_queued()  # the warm-up of the new generation
        warmed = first_requests()
        run_queued()
    return {
        kind: {
            "after_publish_ms": median(warmed[kind]),
            "after_publish_max_ms": max(warmed[kind]),
            "before_worker_ms": median(before[kind]),
            "before_worker_max_ms": max(before[kind]),
        }
        for kind in paths
    }, correct


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def chooser_ms(repeat=3):
    """The events editor's practice chooser (`events.admin_views.practice_search`) as an
    editor types: every prefix of two characters or more of CHOOSER_WORDS, `repeat` times,
    in this process. The median, the p99, and the slowest prefix."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from route2020.events.admin_views import practice_search

    editor = get_user_model().objects.filter(is_superuser=True).first()
    if editor is None:
        editor = get_user_model().objects.create_superuser("bench-redacteur", password=None)
    factory = RequestFactory()
    timings = []
    for _round in range(repeat):
        for word in CHOOSER_WORDS:
            for end in range(2, len(word) + 1):
                request = factory.get("/", {"q": word[:end]})
                request.user = editor
                started = time.perf_counter()
                practice_search(request)
                timings.append(((time.perf_counter() - started) * 1000, word[:end]))
    timings.sort()
    return {
        "p50_ms": timings[len(timings) // 2][0],
        "p99_ms": timings[min(len(timings) - 1, round(0.99 * len(timings)))][0],
        "max_ms": timings[-1][0],
        "slowest": timings[-1][1],
        "requests": len(timings),
    }


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
    both scales and their ratio stays fair.

    Before the slices, one second of the same load that is not counted: `warm_up` asks
    each address once over one connection, which one worker may answer alone, and the
    other worker's first requests (its first database connection, its per-process memos)
    would fall into the measurement. The percentiles are taken over all the slices'
    requests together (wrk's histograms): the worst slice's p99 of ~200 requests was the
    third-slowest request of that second, a figure of a few outliers, not of the tail."""
    results = {scale: {} for scale in servers}
    for kind in next(iter(paths.values())):
        runs = {scale: [] for scale in servers}
        for scale, server in servers.items():
            warm_up(server, paths[scale][kind])
            load(server, paths[scale][kind], duration=1, concurrency=args.concurrency)
        for _round in range(args.rounds):
            for scale, server in servers.items():
                runs[scale].append(
                    load(
                        server,
                        paths[scale][kind],
                        duration=args.duration / args.rounds,
                        concurrency=args.concurrency,
                        histogram=True,
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
        print(
            f"Warm-up task after a publish at {scale:,}: {warmed} listings and searches "
            f"in {seconds:.1f} s"
        )
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


def report_in_process(results, chooser, corrects):
    """The first request after a publish and the practice chooser, both in-process."""
    print(
        f"\nFirst request after a publish, in-process (goal < {GOAL_AFTER_PUBLISH_MS} ms once "
        "the warm-up task has run; median and slowest of each kind's addresses)\n"
    )
    print(
        "| scale | request | warm-up run: median ms | slowest ms | before the worker ran: "
        "median ms | slowest ms | nothing cached, no worker: median ms |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for scale in sorted(results):
        for kind, row in results[scale].items():
            print(
                f"| {scale:,} | {kind} | {row['after_publish_ms']:.1f} "
                f"| {row['after_publish_max_ms']:.1f} | {row['before_worker_ms']:.1f} "
                f"| {row['before_worker_max_ms']:.1f} | {row['cold_ms']:.1f} |"
            )
    for scale in sorted(corrects):
        print(
            f"\nAt {scale:,}: after the warm-up the listing shows the live number of practices: "
            f"{'yes' if corrects[scale] else 'NO'}"
        )
    print(
        f"\nThe events editor's practice chooser, keystroke by keystroke, in-process "
        f"(goal p99 < {GOAL_CHOOSER_P99_MS} ms)\n"
    )
    print("| scale | requests | p50 ms | p99 ms | slowest ms | slowest text |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for scale, row in sorted(chooser.items()):
        print(
            f"| {scale:,} | {row['requests']} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['max_ms']:.1f} | {row['slowest']} |"
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
    chooser, corrects = {}, {}
    try:
        for scale, database in databases.items():
            started = time.perf_counter()
            connections.close_all()
            print(f"{scale:,} practices ({database.vendor})", flush=True)
            prepare(database, scale, reuse=args.reuse, started=started)
            paths[scale] = request_paths()
            in_process_rows[scale] = in_process(paths[scale])
            published, correct = after_publish(paths[scale])
            for kind, row in published.items():
                in_process_rows[scale][kind] |= row
            chooser[scale] = chooser_ms()
            print(
                f"    first request after a publish (warm-up run): listing "
                f"{published['listing']['after_publish_ms']:.0f} ms, shows the live count: "
                f"{'yes' if correct else 'NO'}; chooser p99 {chooser[scale]['p99_ms']:.0f} ms",
                flush=True,
            )
            corrects[scale] = correct
            warm_ups[scale] = warm_up_seconds()
            print(
                f"    warm-up after a publish: {warm_ups[scale][0]} listings and searches "
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
    report_in_process(results, chooser, corrects)
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
