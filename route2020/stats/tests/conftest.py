import time

import pytest

from route2020.stats import buffer, services


@pytest.fixture
def flush(monkeypatch):
    """Write everything counted so far: the clock of the buffer moves on until the time slot
    has closed, as the task does it a few minutes later."""
    clock = [time.time()]
    monkeypatch.setattr(buffer, "now", lambda: clock[0])

    def run():
        clock[0] += 3 * buffer.SLOT_SECONDS
        return services.statistics_flush()

    return run


@pytest.fixture
def on_day(monkeypatch):
    """Count as if it were `day` (the statistics' day is the local date)."""

    def set_day(day):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
        monkeypatch.setattr("route2020.stats.counting.today", lambda: day)

    return set_day


@pytest.fixture
def consenting_client(client):
    """A visitor who answered "Ja" on this site."""
    client.post("/cookies/", {"keuze": "ja", "next": "/"})
    return client
