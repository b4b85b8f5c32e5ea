"""Writing the buffered counts, removing old ones, forgetting a visitor."""

from collections import defaultdict
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import buffer
from .counting import section_of
from .models import RETENTION, DailyVisitors, FlushState, PageView, Visitor, ZeroResultSearch


def _state():
    """The one FlushState row, locked until the transaction ends."""
    try:
        with transaction.atomic():
            FlushState.objects.get_or_create(pk=1)
    except IntegrityError:  # made at the same moment by another flush
        pass
    return FlushState.objects.select_for_update().get(pk=1)


def statistics_flush(*, moment=None):
    """Write the counts of every closed slot not written yet; returns how many things.

    A slot is closed one whole slot after it ended, so a page view counted at its last
    instant is in it. The database remembers the last slot written, under a lock: a slot is
    written once, also when two workers flush at the same time.
    """
    last_closed = buffer.slot_of(moment) - 2
    with transaction.atomic():
        state = _state()
        first = last_closed - buffer.MAX_SLOTS + 1
        if state.flushed_through is not None:
            first = max(first, state.flushed_through + 1)
        # What this process counted (a web process's flush; a task worker counts nothing):
        # into the cache first, in a slot not written yet.
        buffer.drain(floor=first)
        if first > last_closed:
            return 0
        totals = buffer.read(range(first, last_closed + 1))
        by_kind = defaultdict(dict)
        for (kind, day, value), count in totals.items():
            by_kind[kind][(date.fromisoformat(day), value)] = count
        _add_counts(PageView, "path", "views", by_kind["view"])
        _add_counts(ZeroResultSearch, "term", "searches", by_kind["search"])
        _add_visits(by_kind["visit"])
        state.flushed_through = last_closed
        state.save(update_fields=["flushed_through"])
    return len(totals)


def _add_counts(model, field, count_field, counts):
    """Add `counts` {(day, value): n} to the rows of `model`, creating the missing ones."""
    if not counts:
        return
    existing = {}
    days = {day for day, _value in counts}
    for chunk in buffer.chunks({value for _day, value in counts}):
        for row in model.objects.filter(day__in=days, **{f"{field}__in": chunk}):
            existing[(row.day, getattr(row, field))] = row
    changed, new = [], []
    for (day, value), count in counts.items():
        row = existing.get((day, value))
        if row is None:
            row = model(day=day, **{field: value, count_field: count})
            if model is PageView:
                row.section = section_of(value)
            new.append(row)
        else:
            setattr(row, count_field, getattr(row, count_field) + count)
            changed.append(row)
    model.objects.bulk_update(changed, [count_field], batch_size=buffer.BATCH)
    model.objects.bulk_create(new, batch_size=buffer.BATCH)


def _add_visits(visits):
    """Each (day, visitor key) once: new visitors, and returning ones seen on an earlier day."""
    keys = {key for _day, key in visits}
    forgotten = buffer.forgotten(keys)
    visitors = {}
    for chunk in buffer.chunks(keys - forgotten):
        visitors.update({v.key: v for v in Visitor.objects.filter(key__in=chunk)})
    daily = defaultdict(lambda: [0, 0])
    new, changed = {}, {}
    for day, key in sorted(visits):
        if key in forgotten:
            continue
        visitor = visitors.get(key)
        if visitor is None:
            visitor = visitors[key] = new[key] = Visitor(key=key, first_seen=day, last_seen=day)
            daily[day][0] += 1
        elif visitor.last_seen < day:
            visitor.last_seen = day
            changed.setdefault(key, visitor)
            daily[day][0] += 1
            daily[day][1] += 1
    Visitor.objects.bulk_create(list(new.values()), batch_size=buffer.BATCH)
    Visitor.objects.bulk_update(
        [v for key, v in changed.items() if key not in new], ["last_seen"], batch_size=buffer.BATCH
    )
    if not daily:
        return
    existing = {row.day: row for row in DailyVisitors.objects.filter(day__in=list(daily))}
    for day, (count, returning) in daily.items():
        row = existing.get(day)
        if row is None:
            DailyVisitors.objects.create(day=day, visitors=count, returning=returning)
        else:
            row.visitors += count
            row.returning += returning
            row.save(update_fields=["visitors", "returning"])


def statistics_prune(*, today=None):
    """Remove what is older than RETENTION (thirteen months); returns the rows removed."""
    cutoff = (today or timezone.localdate()) - RETENTION
    removed = 0
    with transaction.atomic():
        for model, field in (
            (PageView, "day"),
            (ZeroResultSearch, "day"),
            (DailyVisitors, "day"),
            (Visitor, "last_seen"),
        ):
            removed += model.objects.filter(**{f"{field}__lt": cutoff}).delete()[0]
        # A visitor who keeps coming back keeps being "returning", but not the older date.
        Visitor.objects.filter(first_seen__lt=cutoff).update(first_seen=cutoff)
    return removed


def visitor_forget(*, key):
    """A visitor who said "Nee" or deleted their account: their row goes, and what the cache
    still holds of them is not written."""
    buffer.forget(key)
    return Visitor.objects.filter(key=key).delete()[0]
