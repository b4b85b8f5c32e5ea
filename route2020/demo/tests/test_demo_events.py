"""The demo loads the seed's events once."""

import io

import pytest

from route2020.demo.content import events as demo
from route2020.events.models import EventPage, Session


@pytest.mark.django_db
def test_demo_loads_seed_events_once(home):
    out = io.StringIO()
    demo.load(out)
    assert "Bijeenkomsten: 18 aangemaakt." in out.getvalue()
    gathering = EventPage.objects.get(slug="delen-maakt-je-rijker-2017")
    assert gathering.start.date().isoformat() == "2017-11-20"
    assert gathering.venue_name == "Cultura"
    kinds = list(gathering.sessions.values_list("kind", flat=True))
    assert kinds.count(Session.Kind.SHOWCASE) == 8 and kinds.count(Session.Kind.SHARING) == 15
    assert EventPage.objects.filter(slug="alv-10-december-2015").exists()
    assert EventPage.objects.filter(slug="klankbordgroep-28-april-2016").exists()
    assert EventPage.objects.filter(slug__startswith="pleisterplaatsontmoeting-").count() >= 8
    upcoming = [event for event in EventPage.objects.all() if not event.is_past]
    assert len(upcoming) == 10
    assert len({event.province_id for event in upcoming if event.province_id}) >= 5
    out = io.StringIO()
    demo.load(out)
    assert "Bijeenkomsten: 0 aangemaakt." in out.getvalue()
    assert EventPage.objects.count() == 18
