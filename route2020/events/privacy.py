"""What the events app keeps about a person: their registrations, made signed in or as a
visitor under one of their confirmed addresses."""

from django.db.models import Q


def _registrations(user):
    from route2020.core.services import address_filter, verified_addresses

    from .models import Registration

    return Registration.objects.filter(
        Q(user=user) | address_filter("email", verified_addresses(user))
    )


def export(user):
    registrations = (
        _registrations(user)
        .select_related("event")
        .prefetch_related("sessions")
        .order_by("created_at", "pk")
    )
    return {
        "aanmeldingen": [
            {
                "bijeenkomst": registration.event.title,
                "begint_op": registration.event.start.isoformat(),
                "naam": registration.name,
                "e-mailadres": registration.email,
                "organisatie": registration.organisation_name,
                "status": registration.get_status_display(),
                "sessies": [session.title for session in registration.sessions.all()],
                "aangemeld_op": registration.created_at.isoformat(),
                "afgemeld_op": registration.cancelled_at.isoformat()
                if registration.cancelled_at
                else None,
            }
            for registration in registrations
        ]
    }


def forget(user):
    """Before an account is deleted: active registrations for events still to come are
    cancelled, so a freed place goes to the first on the waitlist (and is mailed); then every
    registration of the person is anonymised, so past events keep their counts."""
    from django.utils import timezone

    from .services import registration_cancel, registrations_anonymise

    for registration in _registrations(user).active().filter(event__end__gte=timezone.now()):
        registration_cancel(registration=registration)
    registrations_anonymise(registrations=_registrations(user))
