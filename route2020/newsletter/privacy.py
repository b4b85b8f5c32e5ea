"""What the Reisflitsen hold about a person: a subscription under one of their confirmed
addresses (made with or without an account)."""


def _subscribers(user):
    from route2020.core.services import address_filter, verified_addresses

    from .models import Subscriber

    return Subscriber.objects.filter(address_filter("email", verified_addresses(user)))


def export(user):
    subscribers = list(_subscribers(user).prefetch_related("themes").order_by("created_at"))
    if not subscribers:
        return {}
    return {
        "reisflitsen": [
            {
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
            for subscriber in subscribers
        ]
    }


def forget(user):
    """Before an account is deleted: the subscription of the same address goes with it (and
    with it the record of which issues were sent to it)."""
    _subscribers(user).delete()
