from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class ThemesConfig(AppConfig):
    name = "route2020.themes"
    label = "themes"
    verbose_name = _("Thema's")
    role_permissions = {EDITOR: ALL_MODELS}
