from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class SurveysConfig(AppConfig):
    name = "route2020.surveys"
    label = "surveys"
    verbose_name = _("Enquêtes")
    # The office builds surveys (pages) and reads every answer (view_submission).
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from route2020.core.cache import read_query_parameters

        # the index's tab and page; the results' filters
        read_query_parameters("toon", "pagina", "provincie", "soort")
