"""Property-based tests of the form layer (hypothesis): whatever a visitor types into event
registration, sign-up or a practice submission, the form answers valid or invalid with Dutch
errors; it never raises, never keeps a NUL byte or more than its maximum length."""

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Any text: control characters, NUL, surrogates left out (not encodable in a request).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
FIELD_VALUE = st.one_of(TEXT, st.sampled_from(["", " ", "\x00", "a" * 5000, "<script>"]))
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_sound(form, max_lengths):
    valid = form.is_valid()  # never raises
    if not valid:
        assert form.errors
        for messages in form.errors.values():
            assert all(isinstance(message, str) and message for message in messages)
        return
    for name, value in form.cleaned_data.items():
        if isinstance(value, str):
            assert "\x00" not in value, name
            if name in max_lengths:
                assert len(value) <= max_lengths[name], name


@pytest.fixture
def event(home):
    from datetime import timedelta

    from django.utils import timezone

    from route2020.core.pages import child
    from route2020.events.models import EventIndexPage, EventPage

    index = child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten")
    start = timezone.now() + timedelta(days=5)
    return child(
        index,
        EventPage,
        "inspiratiedag",
        title="Inspiratiedag",
        start=start,
        end=start + timedelta(hours=3),
        venue_name="Cultura",
        venue_address="Molenstraat 45, Ede",
    )


@SETTINGS
@given(name=FIELD_VALUE, email=FIELD_VALUE, organisation=FIELD_VALUE)
def test_event_registration_form(event, name, email, organisation):
    from route2020.events.forms import RegistrationForm

    form = RegistrationForm(
        {"name": name, "email": email, "organisation_name": organisation},
        event=event,
        sessions=[],
        user=AnonymousUser(),
    )
    assert_sound(form, {"name": 150, "email": 254, "organisation_name": 200})
    if form.is_valid():
        assert name.strip() and "@" in form.cleaned_data["email"]


@SETTINGS
@given(first=FIELD_VALUE, last=FIELD_VALUE, email=FIELD_VALUE, password=FIELD_VALUE)
def test_signup_form(home, first, last, email, password):
    from route2020.core.signup import AccountSignupForm

    form = AccountSignupForm(
        {
            "email": email,
            "first_name": first,
            "last_name": last,
            "password1": password,
            "password2": password,
        }
    )
    assert_sound(form, {"first_name": 150, "last_name": 150})


@SETTINGS
@given(
    title=FIELD_VALUE,
    summary=FIELD_VALUE,
    kind=FIELD_VALUE,
    start=FIELD_VALUE,
    steps=FIELD_VALUE,
    results=FIELD_VALUE,
    budget=FIELD_VALUE,
)
def test_practice_submission_forms(home, title, summary, kind, start, steps, results, budget):
    from route2020.practices.forms import STEPS

    data = {
        "basis": {"title": title, "summary": summary, "kind": kind, "start_date": start},
        "aanpak": {"steps": steps, "budget_euros": budget},
        "resultaten": {"results": results, "what_worked": summary, "evidence_level": kind},
        "bijlagen": {"contact_name": title, "contact_email": kind, "image_alt": summary},
    }
    for step, values in data.items():
        form = STEPS[step][1](values)
        assert_sound(form, {"title": 120})
