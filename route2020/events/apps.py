from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "route2020.events"
    label = "events"
    verbose_name = "Bijeenkomsten"

    def ready(self):
        from route2020.core.cache import invalidate_on_change

        from .models import Registration

        # The event page shows the free places; a registration changes them without a publish.
        invalidate_on_change(Registration)
