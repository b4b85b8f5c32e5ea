from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    default = True
    name = "route2020.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self):
        from . import cache, roles  # noqa

        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
        cache.connect_invalidation()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the organisation and provinces of route2020.core."""

    user_viewset = "route2020.core.admin_users.UserViewSet"
