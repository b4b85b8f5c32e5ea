from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class GuidesConfig(AppConfig):
    name = "route2020.guides"
    label = "guides"
    verbose_name = _("Regiogidsen")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from route2020.core.cache import invalidate_on_change, read_query_parameters

        from .models import Visit

        # The visits show on a published Reisadvies without a page being published.
        invalidate_on_change(Visit)
        read_query_parameters("pagina")
