"""Sending an issue, and why each subscriber gets it once:

1. `start_sending` writes one `Delivery` row per confirmed subscriber in the same transaction
   that marks the issue as being sent (the unique constraint on (issue, subscriber) makes a
   second start a no-op), and only after commit queues `NEWSLETTER_PARALLEL` batch tasks.
2. `send_batch` claims up to `NEWSLETTER_BATCH_SIZE` queued rows with one conditional UPDATE
   (status queued -> claimed, with a random claim token; on PostgreSQL the candidate rows are
   picked with SELECT ... FOR UPDATE SKIP LOCKED). Only rows carrying our token are sent.
3. Per message: claimed -> sending (committed), SMTP send, sending -> sent (committed). A row
   that is `claimed` was never handed to the mail server; a row that is `sending` may have been.
4. A killed worker leaves its batch task running and its rows claimed or sending. The task
   worker's recovery (route2020.operations.recovery) puts the task back in the queue under
   its own id as soon as it knows the worker is dead (at once when a worker restarts on the
   same machine). The batch claims under a token made from that id, so its next run first
   takes back what the dead run held: claimed rows go back to the queue, and the one
   `sending` row too, counting an attempt. `recover` (management command
   `newsletter_recover`, from cron) remains as the safety net for an issue whose batches
   stood still longer than the lease for any other reason, and starts scheduled issues.

The window that remains: a worker killed after the mail server accepted a message and before
the UPDATE to `sent` committed (one statement) sends that one message again on recovery. The
resend has the same Message-ID, which most mail stores use to drop duplicates. See
docs/newsletter.md.
"""

import hashlib
import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.search import index as search_index

from route2020.core.cache import invalidate as invalidate_page_cache
from route2020.core.ratelimit import over_limit  # noqa: F401 (also used by views and models)

from ..conf import (
    batch_size,
    lease_seconds,
    max_attempts,
    parallel_tasks,
    rate_per_second,
    retry_delay_seconds,
)
from ..models import Delivery, Dispatch, NewsletterIssuePage, Subscriber

logger = logging.getLogger(__name__)


class NotPublished(Exception):
    pass


def _enqueue_batches(issue_id, count=None, delay=0):
    from .. import tasks

    task = tasks.send_issue_batch
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    for _ in range(count or parallel_tasks()):
        task.enqueue(issue_id=issue_id)


@transaction.atomic
def start_sending(*, issue, user=None):
    """Send the issue's live version to every confirmed subscriber. A second call does nothing."""
    issue = NewsletterIssuePage.objects.select_for_update().get(pk=issue.pk)
    if not issue.live:
        raise NotPublished
    now = timezone.now()
    dispatch, created = Dispatch.objects.get_or_create(
        issue=issue,
        defaults={
            "status": Dispatch.Status.SENDING,
            "started_at": now,
            "heartbeat_at": now,
            "started_by": user,
        },
    )
    if not created:
        started = Dispatch.objects.filter(
            pk=dispatch.pk,
            status__in=[Dispatch.Status.SCHEDULED, Dispatch.Status.CANCELLED],
        ).update(
            status=Dispatch.Status.SENDING,
            started_at=now,
            heartbeat_at=now,
            started_by=user or dispatch.started_by,
        )
        if not started:
            return dispatch
        dispatch.refresh_from_db()
    subscriber_ids = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list(
        "pk", flat=True
    )
    Delivery.objects.bulk_create(
        (Delivery(issue_id=issue.pk, subscriber_id=pk) for pk in subscriber_ids.iterator()),
        batch_size=1000,
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: _enqueue_batches(issue.pk))
    transaction.on_commit(invalidate_page_cache)  # the archive now lists the issue
    transaction.on_commit(lambda: search_index.insert_or_update_object(issue))
    return dispatch


@transaction.atomic
def schedule_sending(*, issue, send_at, user=None):
    from .. import tasks

    issue = NewsletterIssuePage.objects.select_for_update().get(pk=issue.pk)
    if not issue.live:
        raise NotPublished
    dispatch, created = Dispatch.objects.get_or_create(
        issue=issue,
        defaults={"status": Dispatch.Status.SCHEDULED, "send_at": send_at, "started_by": user},
    )
    if not created:
        if dispatch.status in Dispatch.ONLINE:
            return dispatch
        dispatch.status, dispatch.send_at, dispatch.started_by = (
            Dispatch.Status.SCHEDULED,
            send_at,
            user,
        )
        dispatch.save(update_fields=["status", "send_at", "started_by"])
    task = tasks.start_scheduled_issue
    if task.get_backend().supports_defer:
        task = task.using(run_after=send_at)
        transaction.on_commit(lambda: task.enqueue(issue_id=issue.pk))
    # Without a deferring backend `recover` (run periodically) starts it when it is due.
    return dispatch


@transaction.atomic
def cancel_schedule(*, issue):
    return Dispatch.objects.filter(issue=issue, status=Dispatch.Status.SCHEDULED).update(
        status=Dispatch.Status.CANCELLED
    )


def start_if_due(*, issue_id):
    dispatch = (
        Dispatch.objects.filter(
            issue_id=issue_id,
            status=Dispatch.Status.SCHEDULED,
            send_at__lte=timezone.now() + timedelta(seconds=1),
        )
        .select_related("issue")
        .first()
    )
    if dispatch is None:
        return None
    try:
        return start_sending(issue=dispatch.issue, user=dispatch.started_by)
    except NotPublished:
        logger.warning("Reisflits %s is ingepland maar niet gepubliceerd", issue_id)
        return None


def _claim(issue_id, token, size):
    now = timezone.now()
    retry_before = now - timedelta(seconds=retry_delay_seconds())
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
            .filter(Q(leased_at__isnull=True) | Q(leased_at__lte=retry_before))
            .order_by("attempts", "pk")
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED).update(
                status=Delivery.Status.CLAIMED, claim=token, leased_at=now
            )
    return list(
        Delivery.objects.filter(claim=token, status=Delivery.Status.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )


class Throttle:
    def __init__(self, per_second):
        self.interval = 1 / per_second if per_second else 0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def _finish_if_done(issue_id):
    open_rows = Delivery.objects.filter(
        issue_id=issue_id,
        status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED, Delivery.Status.SENDING],
    )
    if not open_rows.exists():
        Dispatch.objects.filter(issue_id=issue_id, status=Dispatch.Status.SENDING).update(
            status=Dispatch.Status.SENT, finished_at=timezone.now()
        )
        return True
    return False


def run_token(run_id):
    """The claim token of a batch task: the same in every run of that task (32 characters)."""
    if not run_id:
        return uuid.uuid4().hex
    return hashlib.sha1(str(run_id).encode(), usedforsecurity=False).hexdigest()[:32]


def _release(claimed, in_flight):
    """Put rows of a stopped batch back in the queue: claimed rows as they were, rows that
    were being sent with one attempt more (they may have reached the mail server; after the
    last attempt they fail instead of risking another copy). Returns both counts."""
    requeued = claimed.update(status=Delivery.Status.QUEUED, claim="", leased_at=None)
    taken_back = in_flight.filter(attempts__gte=max_attempts() - 1).update(
        status=Delivery.Status.FAILED,
        attempts=F("attempts") + 1,
        claim="",
        last_error="worker gestopt tijdens verzenden; niet opnieuw geprobeerd",
    )
    taken_back += in_flight.update(
        status=Delivery.Status.QUEUED,
        attempts=F("attempts") + 1,
        claim="",
        leased_at=None,
        last_error="worker gestopt tijdens verzenden",
    )
    return requeued, taken_back


def send_batch(*, issue_id, run_id=None):
    """Send one batch and queue the next. Runs in autocommit: every mark is committed at once.

    `run_id` is the task's id: rows still held under it belong to an earlier run of this same
    task that died, and go back to the queue first.
    """
    from django.core.mail import get_connection

    from ..mail import IssueMail

    dispatch = Dispatch.objects.filter(issue_id=issue_id, status=Dispatch.Status.SENDING).first()
    if dispatch is None:
        return {"sent": 0}
    token = run_token(run_id)
    if run_id:
        mine = Delivery.objects.filter(issue_id=issue_id, claim=token)
        _release(
            mine.filter(status=Delivery.Status.CLAIMED),
            mine.filter(status=Delivery.Status.SENDING),
        )
    claimed = _claim(issue_id, token, batch_size())
    Dispatch.objects.filter(pk=dispatch.pk).update(heartbeat_at=timezone.now())
    if not claimed:
        waiting = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
        if waiting.exists():  # only retries waiting for their delay
            _enqueue_batches(issue_id, count=1, delay=retry_delay_seconds())
        else:
            _finish_if_done(issue_id)
        return {"sent": 0}

    issue_mail = IssueMail(NewsletterIssuePage.objects.get(pk=issue_id))
    throttle = Throttle(rate_per_second())
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        sent = _deliver(claimed, token, issue_mail, connection, throttle)
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - a failing close must not undo the marks
            logger.exception("Sluiten van de mailverbinding mislukt")
    Dispatch.objects.filter(pk=dispatch.pk).update(heartbeat_at=timezone.now())
    _enqueue_batches(issue_id, count=1)
    return {"sent": sent}


def _begin(delivery, token):
    """claimed -> sending: from here on the message may reach the mail server."""
    if delivery is None:
        return False
    return bool(
        Delivery.objects.filter(pk=delivery.pk, claim=token, status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.SENDING, leased_at=timezone.now()
        )
    )


def _finish(delivery, token, error):
    mine = Delivery.objects.filter(pk=delivery.pk, claim=token, status=Delivery.Status.SENDING)
    if error is None:
        mine.update(
            status=Delivery.Status.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            claim="",
        )
        return
    attempts = delivery.attempts + 1
    mine.update(
        status=Delivery.Status.QUEUED if attempts < max_attempts() else Delivery.Status.FAILED,
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:500],
        claim="",
        leased_at=timezone.now(),
    )
    logger.warning("Reisflits naar abonnee %s mislukt: %s", delivery.subscriber_id, error)


def _deliver(claimed, token, issue_mail, connection, throttle):
    """Send the claimed rows one by one; one commit per message.

    Marking message n as sent and message n+1 as in flight is one transaction, so the
    bookkeeping costs one commit per message, and a crash between the two cannot happen.
    """
    gone = [d.pk for d in claimed if d.subscriber.status != Subscriber.Status.CONFIRMED]
    if gone:  # unsubscribed since the deliveries were written
        Delivery.objects.filter(pk__in=gone, claim=token, status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.SKIPPED, claim=""
        )
    todo = [d for d in claimed if d.subscriber.status == Subscriber.Status.CONFIRMED]
    sent = 0
    go = _begin(todo[0], token) if todo else False
    for index, delivery in enumerate(todo):
        following = todo[index + 1] if index + 1 < len(todo) else None
        if not go:  # recovery took this row over
            go = _begin(following, token)
            continue
        throttle.wait()
        error = None
        try:
            message = issue_mail.message_for(delivery.subscriber, connection=connection)
            if not connection.send_messages([message]):
                raise RuntimeError("de mailserver nam het bericht niet aan")
        except Exception as exception:  # noqa: BLE001 - every failure is recorded and retried
            error = exception
        with transaction.atomic():
            _finish(delivery, token, error)
            go = _begin(following, token)
        sent += error is None
    return sent


def recover(*, stale_after=None):
    """Take over the work of dead workers and start scheduled issues that are due.

    `stale_after` (seconds) overrides the lease; 0 says "no worker is running now", as at
    worker start when this is the only worker.
    """
    now = timezone.now()
    lease = lease_seconds() if stale_after is None else stale_after
    cutoff = now - timedelta(seconds=lease)
    report = {"started": 0, "resumed": 0, "requeued": 0, "in_flight": 0, "finished": 0}

    for issue_id in Dispatch.objects.filter(
        status=Dispatch.Status.SCHEDULED, send_at__lte=now
    ).values_list("issue_id", flat=True):
        if start_if_due(issue_id=issue_id):
            report["started"] += 1

    stale = Dispatch.objects.filter(status=Dispatch.Status.SENDING).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lte=cutoff)
    )
    for dispatch in stale:
        with transaction.atomic():
            # Re-check under the lock: a live batch may have moved the heartbeat meanwhile.
            locked = (
                Dispatch.objects.select_for_update()
                .filter(pk=dispatch.pk, status=Dispatch.Status.SENDING)
                .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lte=cutoff))
                .first()
            )
            if locked is None:
                continue
            rows = Delivery.objects.filter(issue_id=dispatch.issue_id)
            requeued, in_flight = _release(
                rows.filter(status=Delivery.Status.CLAIMED, leased_at__lte=cutoff),
                rows.filter(status=Delivery.Status.SENDING, leased_at__lte=cutoff),
            )
            report["requeued"] += requeued
            report["in_flight"] += in_flight
            locked.heartbeat_at = now
            locked.save(update_fields=["heartbeat_at"])
            if rows.filter(status=Delivery.Status.QUEUED).exists():
                issue_id = dispatch.issue_id
                transaction.on_commit(lambda issue_id=issue_id: _enqueue_batches(issue_id))
                report["resumed"] += 1
            elif _finish_if_done(dispatch.issue_id):
                report["finished"] += 1
    return report


def send_test_mail(*, issue, user):
    """The mail as subscribers get it, to the editor's own address, with inert personal links."""
    from .. import tasks

    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    transaction.on_commit(
        lambda: tasks.send_test_issue.enqueue(
            issue_id=issue.pk, email=user.email, language=language
        )
    )
