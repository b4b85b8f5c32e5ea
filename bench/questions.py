#!/usr/bin/env python
"""Open-question benchmark: the suggestion list for a new question (practices and
organisations with relevant experience) at 1,000 and 100,000 practices.

    .venv/bin/python bench/questions.py [--scales 1000 100000] [--samples 20]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--keep | --reuse]

Per scale the content of bench/practices.py (the same databases: `--reuse` measures the ones
a `bench/practices.py --keep` or `bench/questions.py --keep` run left): 300 libraries,
`scale` generated practices with adoptions, the search index. Then `questions.suggest` for
twelve believable questions, `--samples` times each, in this process (production settings):
p50 and p99 in ms and the number of SQL queries, which must not grow with the scale.
Goal: p99 < 100 ms at 100,000 practices on PostgreSQL.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import VAR  # noqa: E402
from bench.practices import prepare, scale_database, server_environment  # noqa: E402

GOAL_P99_MS = 100
QUESTIONS = [
    "We willen een taalcafé starten: wie heeft dat al gedaan?",
    "Wie heeft een makerspace voor jongeren opgezet, en wat kostte dat?",
    "Hoe krijg je scholen mee in de Bibliotheek op school?",
    "We zoeken ervaring met voorlezen aan peuters samen met het consultatiebureau",
    "Wie organiseert activiteiten voor mensen met dementie en hun mantelzorgers?",
    "Hoe vind en houd je vrijwilligers voor een digitaal spreekuur?",
    "We willen een ondernemersspreekuur met de KvK in de bibliotheek",
    "Wie combineert de bibliotheek met een muziekschool onder één dak?",
    "Hoe bereik je laaggeletterden via huisartsen en schuldhulpverlening?",
    "Ervaring met een repair café of samenwerking met een buurthuis?",
    "Wie heeft een leesclub voor ouderen in een verzorgingshuis?",
    "Zomerlezen voor kinderen: hoe houden ze het leesniveau vast in de vakantie?",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--samples", type=int, default=20, help="timed suggestions per question")
    parser.add_argument("--database-url", help="postgres://... (default: SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--reuse", action="store_true", help="measure what a --keep run left")
    return parser.parse_args(argv)


def measure(samples):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from route2020.questions.suggest import suggest
    from route2020.themes.models import ThemePage

    themes = list(ThemePage.objects.live().order_by("path").values_list("pk", flat=True))
    rng = random.Random(2020)
    asks = [(text, rng.sample(themes, min(2, len(themes)))) for text in QUESTIONS]
    for text, theme_ids in asks:  # warm up: content types, connection
        suggest(text=text, theme_ids=theme_ids)
    timings, queries, found = [], set(), []
    for _round in range(samples):
        for text, theme_ids in asks:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                practices, organisations = suggest(text=text, theme_ids=theme_ids)
                timings.append((time.perf_counter() - started) * 1000)
            queries.add(len(captured.captured_queries))
            found.append(len(practices))
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    return {
        "p50": statistics.median(timings),
        "p99": p99,
        "queries": f"{min(queries)}–{max(queries)}" if len(queries) > 1 else str(queries.pop()),
        "found": statistics.mean(found),
    }


def main(argv=None):
    args = parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    databases = {scale: scale_database(args, scale) for scale in args.scales}
    os.environ.update(server_environment(databases[args.scales[0]], "process"))
    import django

    django.setup()
    from django.db import connections

    results = {}
    try:
        for scale, database in databases.items():
            connections.close_all()
            print(f"{scale:,} practices ({database.vendor})", flush=True)
            prepare(database, scale, reuse=args.reuse, started=time.perf_counter())
            results[scale] = row = measure(args.samples)
            print(
                f"    suggestions p50 {row['p50']:.1f} ms, p99 {row['p99']:.1f} ms, "
                f"{row['queries']} queries, {row['found']:.1f} practices found",
                flush=True,
            )
    finally:
        connections.close_all()
        if not (args.keep or args.reuse):
            for database in databases.values():
                database.drop()
    print()
    print(f"{'practices':>10} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} {'found':>6}")
    for scale, row in results.items():
        print(
            f"{scale:>10,} {row['p50']:>8.1f} {row['p99']:>8.1f} {row['queries']:>8} "
            f"{row['found']:>6.1f}"
        )
    largest = results[max(results)]
    verdict = "met" if largest["p99"] < GOAL_P99_MS else "NOT met"
    print(f"goal p99 < {GOAL_P99_MS} ms at the largest scale: {verdict}")


if __name__ == "__main__":
    main()
