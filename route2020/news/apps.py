from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class NewsConfig(AppConfig):
    name = "route2020.news"
    label = "news"
    verbose_name = _("Nieuws")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from route2020.core.cache import read_query_parameters

        read_query_parameters("pagina", "thema")
