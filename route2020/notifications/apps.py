from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "route2020.notifications"
    label = "notifications"
    verbose_name = _("Berichten per mail")

    def ready(self):
        from . import hooks

        hooks.connect()
