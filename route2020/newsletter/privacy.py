"""What the Reisflitsen hold about a person: a subscription under their account's address."""


def export(user):
    from .models import Subscriber

    subscriber = (
        Subscriber.objects.filter(email__iexact=user.email).prefetch_related("themes").first()
        if user.email
        else None
    )
    if subscriber is None:
        return {}
    return {
        "reisflitsen": {
            "e-mail": subscriber.email,
            "naam": subscriber.name,
            "organisatie": subscriber.organisation,
            "thema's": [theme.title for theme in subscriber.themes.all()],
            "status": subscriber.get_status_display(),
            "aangemeld op": subscriber.created_at.isoformat(),
            "bevestigd op": subscriber.confirmed_at.isoformat()
            if subscriber.confirmed_at
            else None,
            "afgemeld op": subscriber.unsubscribed_at.isoformat()
            if subscriber.unsubscribed_at
            else None,
        }
    }
