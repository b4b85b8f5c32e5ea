from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class GroupsConfig(AppConfig):
    name = "route2020.groups"
    label = "groups"
    verbose_name = _("Groepen")
    role_permissions = {EDITOR: ALL_MODELS}
