from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    default = True
    name = "route2020.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from allauth.account.signals import user_logged_in

        from . import cache, roles, services

        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
        user_logged_in.connect(services.language_on_login, dispatch_uid="route2020-language")
        cache.connect_invalidation()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the organisation and provinces of route2020.core."""

    user_viewset = "route2020.core.admin_users.UserViewSet"
