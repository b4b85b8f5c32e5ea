"""Putting an item before the people who asked for it, and sending it: at once, or in the
next daily or weekly digest (`send_digests`). Every mail goes through the task queue."""

from functools import partial

from django.db import transaction

from .models import Frequency, Notification, Preference


def notify(*, kind, user_ids, key, title, path):
    """Record the item for everyone among `user_ids` who wants this kind by mail; queue the
    mails of those who want it at once. A person already told about `key` is skipped (the
    unique row), so publishing a page again never repeats it."""
    from .tasks import send_notification

    wanted = dict(
        Preference.objects.filter(user_id__in=set(user_ids), kind=kind)
        .exclude(frequency=Frequency.NEVER)
        .values_list("user_id", "frequency")
    )
    if not wanted:
        return 0
    Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, kind=kind, key=key, title=title[:300], path=path)
            for user_id in wanted
        ],
        ignore_conflicts=True,
    )
    immediate = [
        user_id for user_id, frequency in wanted.items() if frequency == Frequency.IMMEDIATE
    ]
    for pk in Notification.objects.filter(
        user_id__in=immediate, kind=kind, key=key, sent_at__isnull=True
    ).values_list("pk", flat=True):
        transaction.on_commit(partial(send_notification.enqueue, pk))
    return len(wanted)


def set_preferences(*, user, frequencies, themes):
    with transaction.atomic():
        for kind, frequency in frequencies.items():
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"frequency": frequency}
            )
        from .models import Interest

        Interest.objects.filter(user=user).exclude(theme__in=themes).delete()
        Interest.objects.bulk_create(
            [Interest(user=user, theme=theme) for theme in themes], ignore_conflicts=True
        )


def unsubscribe(*, user_id, kind):
    Preference.objects.update_or_create(
        user_id=user_id, kind=kind, defaults={"frequency": Frequency.NEVER}
    )
    # what was waiting for a digest of this kind is not sent any more
    Notification.objects.filter(user_id=user_id, kind=kind, sent_at__isnull=True).delete()
