from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class QuestionsConfig(AppConfig):
    name = "route2020.questions"
    label = "questions"
    verbose_name = _("Vragen")
    # The office sees and hides answers and reads the flags in /beheer/.
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from route2020.core.cache import read_query_parameters

        # the index's filters and page
        read_query_parameters("thema", "status", "pagina")
