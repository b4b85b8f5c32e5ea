from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "route2020.practices"
    label = "practices"
    verbose_name = "Praktijkvoorbeelden"

    def ready(self):
        from route2020.core.cache import invalidate_on_change

        from .models import Adoption, LogbookEntry

        # Both show on public practice pages without a page being published.
        invalidate_on_change(Adoption, LogbookEntry)
