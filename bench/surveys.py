#!/usr/bin/env python
"""Survey results benchmark: the results page of one survey with 10,000 submissions, as the
public sees it (whole, and filtered by province and by kind of organisation) and as the
office sees it (with the latest open answers), plus the office's CSV of every answer.

    .venv/bin/python bench/surveys.py [--submissions 10000] [--samples 30]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]

A fresh database (bench/pages.py's Database: SQLite under var/bench/, or a throwaway
PostgreSQL database route2020_bench_surveys), a home page, 300 organisations in the twelve
provinces (one in seven a partner), one survey with a question of every kind (a ranking of
ten options, as the 2015 member survey had), and the submissions with their answers written
in bulk, then ANALYZE. Each URL is asked once to warm up, once to count its SQL queries, and
`--samples` times for the timing (in this process, production settings, page cache off).
The query count must be the same at any number of submissions: the results are GROUP BY
queries (route2020/surveys/results.py), never a loop over answers.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import VAR, Database, bench_environment  # noqa: E402

BATCH = 2000
THEMES = [f"Kandidaat-thema {number}" for number in range(1, 11)]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--database-url", help="postgres://... (default: SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    return parser.parse_args(argv)


def database_for(args):
    if args.database_url:
        parts = urlsplit(args.database_url)
        url = urlunsplit(parts._replace(path="/route2020_bench_surveys"))
        return Database(url, fresh=False, keep=args.keep)
    database = Database(None, fresh=False, keep=args.keep)
    database.path = VAR / "surveys.sqlite3"
    database.url = f"sqlite:///{database.path}"
    return database


def build_survey(parent):
    from bench.content import add_page
    from route2020.surveys.models import Audience, Option, Question, SurveyIndexPage, SurveyPage

    Kind = Question.Kind
    index = add_page(parent, SurveyIndexPage(title="Enquêtes", slug="enquetes"))
    survey = SurveyPage(
        title="Enquête onder de leden",
        slug="enquete-onder-de-leden",
        opens_at=time_ago(days=60),
        closes_at=time_ago(days=30),
        results_published_at=time_ago(days=20),
        audience=Audience.MEMBERS,
        anonymous=True,
    )
    questions = [
        (Kind.RANKING, "Zet de kandidaat-thema's in volgorde.", THEMES, {}),
        (Kind.SCALE, "De ontwikkelagenda helpt ons vernieuwen.", [], {}),
        (Kind.SINGLE, "Wat moet de agenda opleveren?", ["Plannen", "Voorbeelden", "Lobby"], {}),
        (Kind.MULTIPLE, "Hoe wil je bijdragen?", ["Delen", "Proeftuin", "Regio", "Klankbord"], {}),
        (Kind.NUMBER, "Hoeveel fte werkt aan vernieuwing?", [], {"min_value": 0, "max_value": 20}),
        (Kind.TEXT, "Wat mist er nog?", [], {"required": False}),
    ]  # fmt: skip
    for number, (kind, text, labels, extra) in enumerate(questions):
        question = Question(kind=kind, text=text, sort_order=number, **extra)
        for place, label in enumerate(labels):
            question.options.add(Option(label=label, sort_order=place))
        survey.questions.add(question)
    return add_page(index, survey)


def time_ago(days):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


def organisations(rng):
    from route2020.core.models import Organisation, Province

    provinces = list(Province.objects.order_by("code"))
    partner_types = [value for value, _label in Organisation.PartnerType.choices]
    return Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisatie {number}",
            slug=f"bench-organisatie-{number}",
            province=provinces[number % len(provinces)],
            kind=Organisation.Kind.PARTNER if number % 7 == 0 else Organisation.Kind.LIBRARY,
            partner_type=rng.choice(partner_types) if number % 7 == 0 else "",
        )
        for number in range(300)
    )


def fill(survey, count, rng):
    """`count` submissions with about sixteen answers each, in bulk."""
    from django.db import transaction

    from route2020.surveys.models import Answer, Question, Submission

    Kind = Question.Kind
    questions = {question.kind: question for question in survey.get_questions()}
    options = {kind: list(question.options.all()) for kind, question in questions.items()}
    members = organisations(rng)
    written = 0
    while written < count:
        size = min(BATCH, count - written)
        submissions, answers = [], []
        for _ in range(size):
            organisation = rng.choice(members)
            submission = Submission(
                survey=survey,
                province_id=organisation.province_id,
                organisation_kind=organisation.kind,
                partner_type=organisation.partner_type,
            )
            submissions.append(submission)
            ranking = options[Kind.RANKING][:]
            rng.shuffle(ranking)
            answers += [
                Answer(submission=submission, question=questions[Kind.RANKING], option=o, value=p)
                for p, o in enumerate(ranking, start=1)
            ]
            answers.append(
                Answer(
                    submission=submission, question=questions[Kind.SCALE], value=rng.randint(1, 5)
                )
            )
            answers.append(
                Answer(
                    submission=submission,
                    question=questions[Kind.SINGLE],
                    option=rng.choice(options[Kind.SINGLE]),
                )
            )
            answers += [
                Answer(submission=submission, question=questions[Kind.MULTIPLE], option=o)
                for o in rng.sample(options[Kind.MULTIPLE], rng.randint(1, 3))
            ]
            answers.append(
                Answer(
                    submission=submission,
                    question=questions[Kind.NUMBER],
                    value=min(int(rng.expovariate(1 / 4)), 20),
                )
            )
            if rng.random() < 0.3:
                answers.append(
                    Answer(
                        submission=submission,
                        question=questions[Kind.TEXT],
                        text=f"Open antwoord {written} over leesbevordering en de regio.",
                    )
                )
        with transaction.atomic():
            Submission.objects.bulk_create(submissions)
            Answer.objects.bulk_create(answers, batch_size=5000)
        written += size
    return Answer.objects.count()


def office_client():
    from django.contrib.auth.models import Group
    from django.test import Client

    from route2020.core import roles
    from route2020.core.models import User

    editor = User.objects.create_user(username="bureau", email="bureau@example.org")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    return client


def measure(client, path, samples):
    """Queries of one request, and the median and 95th percentile of `samples` requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured.captured_queries)  # read now: the next request clears the log
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return queries, statistics.median(timings), p95


def csv_seconds(client, survey):
    from django.urls import reverse

    started = time.perf_counter()
    response = client.get(reverse("surveys_answers_csv", args=[survey.pk]))
    size = sum(len(chunk) for chunk in response.streaming_content)
    return time.perf_counter() - started, size


def main(argv=None):
    import os

    args = parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    database = database_for(args)
    os.environ.update(bench_environment(database.url, None, page_cache=False))
    os.environ["ROUTE2020_VAR_DIR"] = str(VAR / "surveys")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from bench.content import generate_all

    try:
        started = time.perf_counter()
        from_template = database.create()
        call_command("migrate", interactive=False, verbosity=0)
        if not from_template:
            database.save_template()
        from route2020.core import roles

        # core's post_migrate runs before later apps' permissions exist on a fresh database
        roles.ensure_roles()
        rng = random.Random(2015)
        content, _timings = generate_all(1, names=["home"])
        survey = build_survey(content.pages["home"])
        answers = fill(survey, args.submissions, rng)
        database.analyze()
        print(
            f"{args.submissions:,} submissions, {answers:,} answers ({database.vendor}), "
            f"ready in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        from route2020.core.models import Province

        province = Province.objects.order_by("code").first()
        base = "/enquetes/enquete-onder-de-leden/uitslag/"
        public, office = Client(HTTP_HOST="127.0.0.1"), office_client()
        rows = [
            ("public", base, public),
            ("public, province", f"{base}?provincie={province.slug}", public),
            ("public, kind", f"{base}?soort=bibliotheek", public),
            ("office (open answers)", base, office),
        ]
        print(f"\nSurvey results at {args.submissions:,} submissions on {database.vendor}\n")
        print("| results page | queries | median ms | p95 ms |")
        print("| --- | ---: | ---: | ---: |")
        for label, path, client in rows:
            queries, median, p95 = measure(client, path, args.samples)
            print(f"| {label} | {queries} | {median:.1f} | {p95:.1f} |", flush=True)
        seconds, size = csv_seconds(office, survey)
        print(f"\nOffice CSV of every answer: {seconds:.2f} s, {size / 1000:,.0f} kB")
    finally:
        connections.close_all()
        database.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
