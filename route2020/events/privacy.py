"""What the events app keeps about a person: their registrations."""


def export(user):
    from .models import Registration

    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related("sessions")
        .order_by("created_at")
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
    """Before an account is deleted: cancel its active registrations for events still to
    come, so a freed place goes to the first on the waitlist (and is mailed)."""
    from django.utils import timezone

    from .models import Registration
    from .services import registration_cancel

    for registration in Registration.objects.active().filter(
        user=user, event__end__gte=timezone.now()
    ):
        registration_cancel(registration=registration)
