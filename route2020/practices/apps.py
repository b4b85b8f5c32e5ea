from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class PracticesConfig(AppConfig):
    name = "route2020.practices"
    label = "practices"
    verbose_name = _("Praktijkvoorbeelden")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from wagtail.signals import page_published

        from route2020.core.cache import invalidate_on_change, read_query_parameters

        from . import listing, listing_cache, services
        from .models import Adoption, LogbookEntry, PracticePage

        # Both show on public practice pages without a page being published.
        invalidate_on_change(Adoption, LogbookEntry)
        listing_cache.connect_invalidation()
        page_published.connect(
            services.release_attachments,
            sender=PracticePage,
            dispatch_uid="practices-release-attachments",
        )
        page_published.connect(
            services.adoption_count_after_publish,
            sender=PracticePage,
            dispatch_uid="practices-adoption-count",
        )
        read_query_parameters(*listing.QUERY_PARAMETERS)
