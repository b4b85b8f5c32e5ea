from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "route2020.events"
    label = "events"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import Registration

        # The event page shows the free places; a registration changes them without a
        # publish. Only that event's cached page is renewed, not the whole site's cache.
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                registration_changed,
                sender=Registration,
                dispatch_uid=f"events-registration-{name}",
            )
        m2m_changed.connect(
            registration_changed,
            sender=Registration.sessions.through,
            dispatch_uid="events-registration-sessions",
        )


def registration_changed(sender, instance, **kwargs):
    from route2020.core.cache import invalidate_scope

    from .models import Registration, event_cache_scope

    if isinstance(instance, Registration) and instance.event_id:
        invalidate_scope(event_cache_scope(instance.event_id))
