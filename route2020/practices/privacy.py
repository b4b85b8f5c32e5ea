"""The personal data this app keeps about a person, for /account/gegevens/ and account
deletion: their submissions, adoptions, logbook entries and moderation steps (which stay,
without them, as what they shared for their organisation), and their name, address and phone
as contact person of a practice (which go)."""

from .models import Adoption, LogbookEntry, ModerationEvent, PracticePage, Submission

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def _addresses(user):
    from route2020.core.services import verified_addresses

    return verified_addresses(user)


def _contact_of(addresses):
    from route2020.core.services import address_filter

    return PracticePage.objects.filter(address_filter("contact_email", addresses))


def _submissions_naming(addresses):
    from route2020.core.services import address_filter

    return Submission.objects.filter(address_filter("data__bijlagen__contact_email", addresses))


def export(user):
    return {
        "inzendingen": [
            {
                "titel": submission.title,
                "status": submission.get_state_display(),
                "aangemaakt": submission.created_at.isoformat(),
                "gegevens": {k: v for k, v in submission.data.items() if k != "raw"},
            }
            for submission in Submission.objects.filter(author=user)
        ],
        "overnames": [
            {
                "praktijkvoorbeeld": adoption.practice.title,
                "hoe het ging": adoption.how_it_went,
                "datum": adoption.created_at.isoformat(),
            }
            for adoption in Adoption.objects.filter(user=user).select_related("practice")
        ],
        "logboekberichten": [
            {
                "proeftuin": entry.practice.title,
                "datum": entry.date.isoformat(),
                "tekst": entry.text,
            }
            for entry in LogbookEntry.objects.filter(author=user).select_related("practice")
        ],
        "moderatiestappen": [
            {
                "actie": event.get_action_display(),
                "notitie": event.note,
                "datum": event.created_at.isoformat(),
            }
            for event in ModerationEvent.objects.filter(actor=user)
        ],
        "contactpersoon van": [
            {
                "praktijkvoorbeeld": page.title,
                "naam": page.contact_name,
                "e-mailadres": page.contact_email,
                "telefoon": page.contact_phone,
            }
            for page in _contact_of(_addresses(user)).only("title", *CONTACT_FIELDS)
        ],
    }


def forget(user):
    """Before an account is deleted: the person is no longer the contact of any practice, in
    the page, in every revision of it (so publishing an old one does not bring them back) and
    in submissions; the rest stays, without their name (the foreign keys are SET_NULL)."""
    addresses = _addresses(user)
    if not addresses:
        return
    blank = dict.fromkeys(CONTACT_FIELDS, "")
    pages = list(_contact_of(addresses).values_list("pk", flat=True))
    PracticePage.objects.filter(pk__in=pages).update(**blank)
    for page in PracticePage.objects.filter(pk__in=pages):
        for revision in page.revisions.all():
            if str(revision.content.get("contact_email", "")).lower() in addresses:
                revision.content.update(blank)
                revision.save(update_fields=["content"])
    for submission in _submissions_naming(addresses):
        submission.data["bijlagen"].update(blank)
        submission.save(update_fields=["data"])
