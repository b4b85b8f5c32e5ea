"""The buffered counts are written once, in batches, and removed after thirteen months."""

import datetime
import time

import pytest

from route2020.stats import buffer, services
from route2020.stats.models import DailyVisitors, PageView, Visitor, ZeroResultSearch

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 6)


def test_a_slot_is_written_once(db):
    now = time.time()
    buffer.add("view", DAY, "/nieuws/", moment=now)
    buffer.add("view", DAY, "/nieuws/", moment=now)
    later = now + 3 * buffer.SLOT_SECONDS
    assert services.statistics_flush(moment=later) == 1
    assert services.statistics_flush(moment=later) == 0
    assert PageView.objects.get().views == 2


def test_an_open_slot_waits(db):
    now = time.time()
    buffer.add("view", DAY, "/", moment=now)
    services.statistics_flush(moment=now)
    assert not PageView.objects.exists()
    services.statistics_flush(moment=now + 3 * buffer.SLOT_SECONDS)
    assert PageView.objects.get().views == 1


def test_counts_add_up_across_slots_and_batches(db, monkeypatch):
    # small batches: the test cache keeps at most 300 keys
    monkeypatch.setattr(buffer, "BATCH", 30)
    start = time.time()
    paths = [f"/praktijkvoorbeelden/p-{n}/" for n in range(70)]
    for path in paths:
        buffer.add("view", DAY, path, moment=start)
    services.statistics_flush(moment=start + 3 * buffer.SLOT_SECONDS)
    for path in paths[:10]:
        buffer.add("view", DAY, path, moment=start + 3 * buffer.SLOT_SECONDS)
    services.statistics_flush(moment=start + 6 * buffer.SLOT_SECONDS)
    assert PageView.objects.count() == len(paths)
    assert PageView.objects.get(path=paths[0]).views == 2
    assert PageView.objects.get(path=paths[-1]).views == 1
    assert set(PageView.objects.values_list("section", flat=True)) == {"praktijkvoorbeelden"}


def test_the_flush_writes_a_fixed_number_of_queries(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    moment = time.time()
    services.statistics_flush(moment=moment)

    def queries(paths):
        nonlocal moment
        for path in paths:
            buffer.add("view", DAY, path, moment=moment)
            buffer.add("search", DAY, path, moment=moment)
        moment += 3 * buffer.SLOT_SECONDS
        with CaptureQueriesContext(connection) as captured:
            services.statistics_flush(moment=moment)
        return len(captured)

    assert queries(["/a/"]) == queries([f"/b-{n}/" for n in range(40)])
    # rows that exist are updated in one batch as well
    assert queries(["/a/"]) == queries([f"/b-{n}/" for n in range(40)])


def test_the_flush_task_and_command(db):
    from django.core.management import call_command

    buffer.add("view", DAY, "/", moment=time.time() - 3 * buffer.SLOT_SECONDS)
    call_command("flush_statistics", verbosity=0)
    assert PageView.objects.get().views == 1


def test_older_than_thirteen_months_is_removed(db):
    from django.core.management import call_command
    from django.utils import timezone

    today = timezone.localdate()
    old, kept = today - datetime.timedelta(days=400), today - datetime.timedelta(days=380)
    for day in (old, kept):
        PageView.objects.create(day=day, path="/", views=1)
        ZeroResultSearch.objects.create(day=day, term="x", searches=1)
        DailyVisitors.objects.create(day=day, visitors=1)
    Visitor.objects.create(key="gone", first_seen=old, last_seen=old)
    Visitor.objects.create(key="stays", first_seen=old, last_seen=today)
    call_command("prune_statistics", verbosity=0)
    for model in (PageView, ZeroResultSearch, DailyVisitors):
        assert list(model.objects.values_list("day", flat=True)) == [kept]
    visitor = Visitor.objects.get()
    assert visitor.key == "stays"
    assert visitor.first_seen == today - services.RETENTION
