"""A real worker is killed with SIGKILL mid-send; restarting the worker alone resumes the
Reisflits, and afterwards everyone has exactly one mail. On both queues."""

import pytest

from route2020.newsletter import services
from route2020.operations.tests.killing import task_queue  # noqa: F401 - a fixture

SUBSCRIBERS = 30
HANG_AT = 13  # batches of 5: dies in the third batch, with claimed rows behind the hung one


@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_resumes_the_issue_and_sends_each_subscriber_exactly_once(
    task_queue,  # noqa: F811
    make_issue,
    make_subscriber,
):
    issue = make_issue(title="Reisflits onder vuur")
    subscribers = [make_subscriber() for _ in range(SUBSCRIBERS)]
    services.start_sending(issue=issue)  # autocommit: one batch task in the queue
    workers = task_queue
    workers.start()

    workers.run_until_hung(
        HANG_AT,
        ready=lambda: (
            workers.scalar("select count(*) from newsletter_delivery where status = 'sent'")
            == HANG_AT - 1
            and workers.scalar("select count(*) from newsletter_delivery where status = 'sending'")
            == 1
        ),
    )
    # What a killed worker leaves behind: rows claimed and one in flight, its task running.
    assert workers.scalar("select count(*) from newsletter_delivery where status = 'claimed'") == 2
    if workers.kind == "database":
        assert workers.scalar(
            "select count(*) from django_tasks_database_dbtaskresult where status = 'RUNNING'"
        )
    assert sum(workers.received().values()) == HANG_AT - 1

    # No newsletter_recover, no lease to wait for: the next worker takes the task back.
    workers.run_to_end()

    assert workers.received() == {subscriber.email: 1 for subscriber in subscribers}
    assert (
        workers.scalar("select count(*) from newsletter_delivery where status = 'sent'")
        == SUBSCRIBERS
    )
    assert workers.scalar("select status from newsletter_dispatch") == "sent"
