from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class AgendaConfig(AppConfig):
    name = "route2020.agenda"
    label = "agenda"
    verbose_name = _("Actieplannen")
    role_permissions = {EDITOR: ALL_MODELS}
