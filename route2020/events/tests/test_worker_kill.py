"""Registrations while task workers are killed one after another with SIGKILL: after a
restart every confirmation mail has gone out exactly once. On both queues."""

import pytest

from route2020.events import services
from route2020.operations.tests.killing import task_queue  # noqa: F401 - a fixture

REGISTRATIONS = 24
KILLED_AT = (4, 9, 15)  # each worker hangs handing over this mail and is killed there


@pytest.mark.django_db(transaction=True)
def test_killed_workers_send_every_confirmation_exactly_once(
    task_queue,  # noqa: F811
    make_event,
):
    event = make_event(title="Deel je rijk", capacity=None)
    emails = [f"bezoeker{number}@bieb.example" for number in range(REGISTRATIONS)]
    for number, email in enumerate(emails):
        services.registration_create(event=event, name=f"Bezoeker {number}", email=email)
    workers = task_queue
    workers.start()

    for hang_at in KILLED_AT:
        workers.run_until_hung(hang_at)
        # Everything before the hung mail went out once; the hung one never left.
        assert sum(workers.received().values()) == hang_at - 1
        assert max(workers.received().values()) == 1

    workers.run_to_end()

    assert workers.received() == {email: 1 for email in emails}
    assert workers.scalar("select count(*) from operations_taskmark") == REGISTRATIONS
