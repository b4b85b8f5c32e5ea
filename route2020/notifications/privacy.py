"""What a person chose to get by mail, the themes they follow, and what they were sent.
All of it goes with the account (CASCADE)."""


def export(user):
    from .models import Notification

    return {
        "berichten": {
            "voorkeuren": {
                preference.kind: preference.frequency
                for preference in user.notification_preferences.all()
            },
            "mijn_themas": [
                interest.theme.title for interest in user.theme_interests.select_related("theme")
            ],
            "verstuurd_of_klaar": [
                {
                    "soort": item.kind,
                    "titel": item.title,
                    "verstuurd_op": item.sent_at.isoformat() if item.sent_at else None,
                }
                for item in Notification.objects.filter(user=user)
            ],
        }
    }
