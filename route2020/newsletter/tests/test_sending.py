from datetime import timedelta

import pytest
from django.utils import timezone

from route2020.newsletter import services
from route2020.newsletter.models import Delivery, Dispatch, Subscriber
from route2020.newsletter.tests.backends import FlakyBackend
from route2020.newsletter.tests.conftest import send_issue

pytestmark = pytest.mark.django_db


def test_each_confirmed_subscriber_gets_one_mail(
    make_issue, news_items, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    issue = make_issue(title="Reisflits november", items=news_items[:2])
    confirmed = [make_subscriber() for _ in range(45)]  # three batches of 20
    make_subscriber(status=Subscriber.Status.PENDING)
    make_subscriber(status=Subscriber.Status.UNSUBSCRIBED)

    send_issue(issue, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == sorted(s.email for s in confirmed)
    message = mailoutbox[0]
    assert message.subject == "Reisflits november"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/reisflitsen/afmelden/")
    assert unsubscribe.strip("<>") in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert unsubscribe.strip("<>") in html and "Nieuwsbericht 1" in html
    assert "Nieuwsbericht 2" in message.body and "R2020-" not in message.body + html
    dispatch = Dispatch.objects.get(issue=issue)
    assert dispatch.status == Dispatch.Status.SENT and dispatch.finished_at
    assert dispatch.progress() == {"total": 45, "sent": 45, "failed": 0, "skipped": 0, "open": 0}


def test_starting_twice_sends_once(
    make_issue, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    issue = make_issue()
    make_subscriber()
    send_issue(issue, django_capture_on_commit_callbacks)
    send_issue(issue, django_capture_on_commit_callbacks)
    services.recover(stale_after=0)
    assert len(mailoutbox) == 1
    assert Delivery.objects.count() == 1


def test_draft_cannot_be_sent(make_issue, make_subscriber, mailoutbox):
    issue = make_issue(live=False)
    make_subscriber()
    with pytest.raises(services.NotPublished):
        services.start_sending(issue=issue)
    assert not Dispatch.objects.exists()


def test_unsubscribed_during_sending_is_skipped(make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    stays, leaves = make_subscriber(), make_subscriber()
    services.start_sending(issue=issue)  # deliveries written, batches not yet run
    services.unsubscribe(subscriber=leaves)
    services.send_batch(issue_id=issue.pk)
    services.send_batch(issue_id=issue.pk)
    assert [m.to[0] for m in mailoutbox] == [stays.email]
    assert Delivery.objects.get(subscriber=leaves).status == Delivery.Status.SKIPPED
    assert Dispatch.objects.get().status == Dispatch.Status.SENT


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "route2020.newsletter.tests.backends.FlakyBackend"
    FlakyBackend.failing, FlakyBackend.failures_left = set(), {}
    yield FlakyBackend


def test_failures_are_retried_a_bounded_number_of_times(
    make_issue, make_subscriber, mailoutbox, flaky, django_capture_on_commit_callbacks
):
    issue = make_issue()
    fine, once, never = make_subscriber(), make_subscriber(), make_subscriber()
    flaky.failing = {once.email, never.email}
    flaky.failures_left = {once.email: 1, never.email: -1}

    send_issue(issue, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([fine.email, once.email])
    retried = Delivery.objects.get(subscriber=once)
    assert (retried.status, retried.attempts) == (Delivery.Status.SENT, 2)
    failed = Delivery.objects.get(subscriber=never)
    assert (failed.status, failed.attempts) == (Delivery.Status.FAILED, 3)
    assert "550 mailbox niet beschikbaar" in failed.last_error
    assert Dispatch.objects.get().progress()["failed"] == 1
    assert Dispatch.objects.get().status == Dispatch.Status.SENT


def test_recovery_takes_over_a_dead_workers_rows(
    make_issue, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    issue = make_issue()
    subscribers = [make_subscriber() for _ in range(4)]
    services.start_sending(issue=issue)
    long_ago = timezone.now() - timedelta(hours=1)
    rows = Delivery.objects.order_by("pk")
    # A dead worker: one sent, one in flight, one claimed, one still queued.
    Delivery.objects.filter(pk=rows[0].pk).update(status="sent", sent_at=long_ago, attempts=1)
    Delivery.objects.filter(pk=rows[1].pk).update(status="sending", claim="x", leased_at=long_ago)
    Delivery.objects.filter(pk=rows[2].pk).update(status="claimed", claim="x", leased_at=long_ago)
    Dispatch.objects.update(heartbeat_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.recover()

    assert report["requeued"] == 1 and report["in_flight"] == 1 and report["resumed"] == 1
    already = Delivery.objects.get(pk=rows[0].pk).subscriber.email
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        s.email for s in subscribers if s.email != already
    )
    assert Dispatch.objects.get().status == Dispatch.Status.SENT
    in_flight = Delivery.objects.get(pk=rows[1].pk)
    assert in_flight.attempts == 2 and "worker gestopt" in in_flight.last_error


def test_recovery_leaves_a_live_worker_alone(make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    make_subscriber()
    services.start_sending(issue=issue)
    Delivery.objects.update(status="claimed", claim="levend", leased_at=timezone.now())
    report = services.recover()
    assert report["requeued"] == report["resumed"] == 0
    assert Delivery.objects.get().claim == "levend"
    assert mailoutbox == []


def test_scheduled_issue_starts_when_due(
    make_issue, make_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    issue = make_issue()
    make_subscriber()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_sending(issue=issue, send_at=timezone.now() + timedelta(hours=2))
        services.recover()
    assert mailoutbox == []
    assert Dispatch.objects.get().status == Dispatch.Status.SCHEDULED
    Dispatch.objects.update(send_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recover()["started"] == 1
    assert len(mailoutbox) == 1


def test_cancelled_schedule_does_not_send(make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    make_subscriber()
    services.schedule_sending(issue=issue, send_at=timezone.now() + timedelta(minutes=5))
    services.cancel_schedule(issue=issue)
    Dispatch.objects.update(send_at=timezone.now() - timedelta(minutes=1))
    services.recover()
    assert mailoutbox == [] and not Delivery.objects.exists()


def test_rate_limit_paces_messages(monkeypatch):
    clock = {"now": 100.0}
    slept = []
    monkeypatch.setattr(services.time, "monotonic", lambda: clock["now"])

    def sleep(seconds):
        slept.append(round(seconds, 3))
        clock["now"] += seconds

    monkeypatch.setattr(services.time, "sleep", sleep)
    throttle = services.Throttle(per_second=4)
    for _ in range(5):
        throttle.wait()
    assert slept == [0.25, 0.25, 0.25, 0.25]
