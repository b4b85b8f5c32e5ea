from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "route2020.search"
    label = "site_search"
    verbose_name = _("Zoeken")

    def ready(self):
        from route2020.core.cache import read_query_parameters

        read_query_parameters("q", "pagina")
