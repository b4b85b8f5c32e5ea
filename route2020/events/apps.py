from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class EventsConfig(AppConfig):
    name = "route2020.events"
    label = "events"
    verbose_name = _("Bijeenkomsten")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from route2020.core.cache import read_query_parameters

        from .models import EventIndexPage, Registration

        read_query_parameters(*EventIndexPage.LISTING_PARAMETERS)

        from route2020.core.csrf import on_csrf_retry

        from .views import registration_csrf_retry

        on_csrf_retry(registration_csrf_retry)

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
