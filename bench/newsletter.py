#!/usr/bin/env python
"""Reisflitsen benchmark: one issue to 10,000 subscribers through the real task queue.

    .venv/bin/python bench/newsletter.py [--subscribers 10000] [--database-url postgres://...]
                                         [--batch-size 100] [--mail-backend null|locmem]
                                         [--tracemalloc]

A fresh database (SQLite under var/bench-newsletter/, or the PostgreSQL database named in
--database-url, which is dropped and created), a home page, three news items, an issue and
`--subscribers` confirmed subscribers written in bulk. Then what production does:
`services.start_sending` writes the deliveries and queues the batch task in django-tasks-db,
and `task_worker --batch` (in this process) runs the batches until the queue is empty. The mail
backend is a null backend that still serialises every message to bytes, as SMTP would
(`--mail-backend locmem` keeps them all in memory instead). No rate limit: the figures are
the ceiling a worker reaches. Prints messages per second, total time and peak memory
(maximum resident set size; with --tracemalloc also Python's own peak allocation, slower).
docs/newsletter.md explains the figures.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = ROOT / "var" / "bench-newsletter"

from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402


class SerialisingNullBackend(BaseEmailBackend):
    """Builds each message's bytes like the SMTP backend, then drops them."""

    sent = 0
    recipients = set()
    bytes_total = 0

    def send_messages(self, messages):
        for message in messages:
            data = message.message().as_bytes(linesep="\r\n")
            type(self).bytes_total += len(data)
            type(self).recipients.add(message.to[0])
        type(self).sent += len(messages)
        return len(messages)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--database-url", help="postgres://... (default: SQLite file)")
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--mail-backend", choices=["null", "locmem"], default="null")
    parser.add_argument("--tracemalloc", action="store_true")
    return parser.parse_args(argv)


def fresh_database(url):
    if url:
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return url
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def max_rss_mb():
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(subscribers):
    import datetime

    from django.db import transaction

    from route2020.core.tests.factories import make_home
    from route2020.news.models import NewsIndexPage, NewsItemPage
    from route2020.newsletter import links
    from route2020.newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

    home = make_home()
    news = NewsIndexPage(title="Nieuws", slug="nieuws")
    home.add_child(instance=news)
    news.save_revision().publish()
    items = []
    for number in range(1, 4):
        item = NewsItemPage(
            title=f"Nieuwsbericht {number}",
            slug=f"nieuws-{number}",
            intro="Wat bibliotheken deze maand deelden, en wat ze nog niet weten. " * 3,
            date=datetime.date(2017, 11, number),
        )
        news.add_child(instance=item)
        item.save_revision().publish()
        items.append(item)
    index = NewsletterIndexPage(title="Reisflitsen", slug="reisflitsen")
    home.add_child(instance=index)
    index.save_revision().publish()
    issue = NewsletterIssuePage(
        title="Reisflits benchmark",
        slug="reisflits-benchmark",
        intro="Het nieuws van Route 2020.",
        introduction="<p>Beste lezer, dit is de Reisflits van deze maand.</p>" * 3,
        items=[("news", {"page": item, "note": ""}) for item in items],
    )
    index.add_child(instance=issue)
    issue.save_revision().publish()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"abonnee{number}@bibliotheek.example",
                    status=Subscriber.Status.CONFIRMED,
                    link_key=links.new_link_key(),
                )
                for number in range(subscribers)
            ),
            batch_size=2000,
        )
    return issue


def main(argv=None):
    args = parse_args(argv)
    os.environ["DATABASE_URL"] = fresh_database(args.database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "route2020.settings.test"
    os.environ.setdefault("ROUTE2020_VAR_DIR", str(VAR))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}, migrated in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    issue = build(args.subscribers)
    print(f"{args.subscribers} subscribers written in {time.perf_counter() - t:.1f} s")

    backend = (
        "bench.newsletter.SerialisingNullBackend"
        if args.mail_backend == "null"
        else "django.core.mail.backends.locmem.EmailBackend"
    )
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        EMAIL_BACKEND=backend,
        NEWSLETTER_RATE_PER_SECOND=0,
        NEWSLETTER_BATCH_SIZE=args.batch_size,
        SITE_URL="https://route2020.example",
    ):
        from django.core import mail

        from route2020.newsletter import services
        from route2020.newsletter.models import Delivery, Dispatch

        mail.outbox = []
        if args.tracemalloc:
            import tracemalloc

            tracemalloc.start()
        rss_before = max_rss_mb()
        started = time.perf_counter()
        services.start_sending(issue=issue)
        queued = time.perf_counter()
        call_command("task_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
        finished = time.perf_counter()
        traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None

        sent_rows = Delivery.objects.filter(status=Delivery.Status.SENT).count()
        # Django imports the backend as bench.newsletter, not as this __main__ module.
        from bench.newsletter import SerialisingNullBackend as Null

        if args.mail_backend == "null":
            messages, unique = Null.sent, len(Null.recipients)
        else:
            messages, unique = len(mail.outbox), len({m.to[0] for m in mail.outbox})
        status = Dispatch.objects.get().status

    total = finished - started
    print(f"mail backend: {args.mail_backend}, batch size {args.batch_size}, no rate limit")
    print(f"deliveries written and task queued: {queued - started:.2f} s")
    print(f"messages sent:      {messages} ({unique} different recipients, {sent_rows} rows sent)")
    print(f"total time:         {total:.1f} s")
    print(f"messages/second:    {messages / total:.0f}")
    if args.mail_backend == "null":
        print(f"average message:    {Null.bytes_total / max(messages, 1):.0f} bytes")
    print(f"peak RSS:           {max_rss_mb():.0f} MB ({rss_before:.0f} MB before sending)")
    if traced_peak is not None:
        print(f"peak Python memory: {traced_peak:.1f} MB (tracemalloc, while sending)")
    ok = messages == unique == sent_rows == args.subscribers and status == "sent"
    print("check: every subscriber exactly once" if ok else "CHECK FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
