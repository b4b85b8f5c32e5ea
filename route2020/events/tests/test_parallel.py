"""Simultaneous registrations on PostgreSQL: the row lock on the event keeps capacity."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from route2020.events import services
from route2020.events.models import Registration

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def run_at_once(count, work):
    """Start `count` threads, each with its own database connection, at the same moment."""
    barrier = threading.Barrier(count)
    outcomes, errors = [], []

    def target(index):
        try:
            barrier.wait()
            outcomes.append(work(index))
        except ValidationError as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_registrations_never_overbook(make_event, make_user):
    event = make_event(capacity=5, sessions=[("Parel", 1, 1, 3)])
    session = event.sessions.get()
    users = [make_user() for _ in range(16)]
    outcomes, errors = run_at_once(
        len(users),
        lambda index: services.registration_create(event=event, user=users[index]),
    )
    assert not errors and len(outcomes) == 16
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 11

    # The session's capacity holds too: three of eight parallel choosers get in.
    event2 = make_event(capacity=None, sessions=[("Parel", 1, 1, 3)])
    session = event2.sessions.get()
    users = [make_user() for _ in range(8)]
    outcomes, errors = run_at_once(
        len(users),
        lambda index: services.registration_create(
            event=event2, user=users[index], sessions=[session]
        ),
    )
    assert len(outcomes) == 3 and len(errors) == 5
    assert all("is vol" in error.messages[0] for error in errors)
    assert session.registrations.filter(status=Registration.Status.CONFIRMED).count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_double_submit_gives_one_registration(make_event, make_user):
    event = make_event(capacity=10)
    member = make_user()
    outcomes, errors = run_at_once(
        6, lambda index: services.registration_create(event=event, user=member)
    )
    assert len(outcomes) == 1 and len(errors) == 5
    assert all(isinstance(error, services.AlreadyRegistered) for error in errors)
    assert Registration.objects.filter(event=event).count() == 1
