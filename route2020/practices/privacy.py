"""The personal data this app keeps about a person, for /account/gegevens/."""

from .models import Adoption, LogbookEntry, ModerationEvent, Submission


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
    }
