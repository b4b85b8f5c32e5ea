from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "route2020.practices"
    label = "practices"
    verbose_name = _("Praktijkvoorbeelden")

    def ready(self):
        from route2020.core.cache import invalidate_on_change

        from . import listing_cache
        from .models import Adoption, LogbookEntry

        # Both show on public practice pages without a page being published.
        invalidate_on_change(Adoption, LogbookEntry)
        listing_cache.connect_invalidation()
