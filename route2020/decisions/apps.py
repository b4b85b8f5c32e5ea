from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class DecisionsConfig(AppConfig):
    name = "route2020.decisions"
    label = "decisions"
    verbose_name = _("Besluiten")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from route2020.core.cache import read_query_parameters

        from .models import DecisionIndexPage

        read_query_parameters(*DecisionIndexPage.LISTING_PARAMETERS)
