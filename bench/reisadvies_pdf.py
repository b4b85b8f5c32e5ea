#!/usr/bin/env python
"""Reisadvies PDF benchmark: the time to make the PDF of a Reisadvies with 30 recommendations
(goal: under 2 s), each citing three practices and proposing two pilots, with 30 visits.

    .venv/bin/python bench/reisadvies_pdf.py [--recommendations 30] [--samples 10]

Runs route2020/guides/pdf.py in this process on a stand-in for the page and its (made-up) practices
and visits: what the PDF view does after its two queries. The first run includes loading the
font files; the median is of the runs after it.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 2.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recommendations", type=int, default=30)
    parser.add_argument("--samples", type=int, default=10)
    return parser.parse_args(argv)


def sample(recommendations):
    text = (
        "Waar de bibliotheek starters en zzp'ers een plek, een spreekuur en een netwerk biedt, "
        "komen ondernemers terug en geven ze iets terug: workshops, coaching, sponsoring. "
    )
    library = SimpleNamespace(name="Bibliotheek Deventer", province_id=1, province="Overijssel")
    # What pdf.py reads of a ReisadviesPage.
    page = SimpleNamespace(
        title="Reisadvies: dertig proeftuinen voor ondernemen en samenwerken",
        intro="Wat de regiogidsen zagen in april, mei en juni, en wat zij aanraden.",
        date=date(2016, 7, 14),
        author_id=None,
        url="/reisadvies/reisadvies/",
    )
    items = [
        {
            "heading": f"Aanbeveling {number}: werk samen met ondernemers en onderwijs",
            "text": text * 3 + "\n" + text,
            "practices": [
                SimpleNamespace(
                    title=f"Ondernemersplein in de bibliotheek {number}-{cited}",
                    url=f"/praktijkvoorbeelden/ondernemersplein-{number}-{cited}/",
                    organisation=library,
                )
                for cited in range(3)
            ],
            "pilots": [f"Proeftuin {number}a: spreekuur met de KvK", f"Proeftuin {number}b"],
        }
        for number in range(1, recommendations + 1)
    ]
    visits = [
        SimpleNamespace(visited_on=date(2016, 4, 1) + timedelta(days=day * 3), organisation=library)
        for day in range(30)
    ]
    return page, items, visits


def main(argv=None):
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "route2020.settings.test")
    os.environ.setdefault("DATABASE_URL", "")
    import django

    django.setup()
    from django.utils import translation

    from route2020.guides.pdf import reisadvies_pdf

    translation.activate("nl")
    page, items, visits = sample(args.recommendations)

    def make():
        started = time.perf_counter()
        content = reisadvies_pdf(page, recommendations=items, visits=visits, base_url="")
        return time.perf_counter() - started, content

    first, content = make()
    timings = [make()[0] for _ in range(args.samples)]
    median = statistics.median(timings)
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(content)).pages)
    print(
        f"Reisadvies PDF, {args.recommendations} aanbevelingen: {pages} pagina's, "
        f"{len(content) / 1024:.0f} KB"
    )
    print(f"  eerste keer (met lettertypen laden): {first:.3f} s")
    print(f"  mediaan van {args.samples}: {median:.3f} s  (langzaamste {max(timings):.3f} s)")
    verdict = "gehaald" if max(first, median) < GOAL_SECONDS else "NIET gehaald"
    print(f"  doel < {GOAL_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
