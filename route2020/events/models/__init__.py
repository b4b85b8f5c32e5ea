"""Events (bijeenkomsten): gatherings with a programme of sessions, registrations and a waitlist.

One module per part (pages, programme, registration); everything is importable from here, as
`route2020.events.models.X`, which is also where the migrations find it.
"""

from .pages import (
    AMSTERDAM,
    EVENTS_PER_PAGE,
    Audience,
    EventIndexPage,
    EventPage,
    EventType,
    event_cache_scope,
    when,
)
from .programme import PRACTICE_PAGE, PracticesField, Session
from .registration import (
    CONFIRMATION_EXPIRES_AFTER,
    CONFIRMATION_EXPIRES_HOURS,
    Registration,
    RegistrationQuerySet,
    new_token,
    unconfirmed_too_long,
)

__all__ = [
    "AMSTERDAM",
    "CONFIRMATION_EXPIRES_AFTER",
    "CONFIRMATION_EXPIRES_HOURS",
    "EVENTS_PER_PAGE",
    "PRACTICE_PAGE",
    "Audience",
    "EventIndexPage",
    "EventPage",
    "EventType",
    "PracticesField",
    "Registration",
    "RegistrationQuerySet",
    "Session",
    "event_cache_scope",
    "new_token",
    "unconfirmed_too_long",
    "when",
]
