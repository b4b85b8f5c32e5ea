from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig

from .roles import EDITOR


class CoreConfig(AppConfig):
    default = True
    name = "route2020.core"
    label = "core"
    verbose_name = _("Kern")
    # People are managed in Wagtail's user screens, with their own permissions.
    role_permissions = {
        EDITOR: [
            "add_organisation",
            "change_organisation",
            "delete_organisation",
            "view_organisation",
            "view_province",
            "change_sitesettings",
            "view_sitesettings",
        ]
    }

    def ready(self):
        from allauth.account.signals import password_reset, user_logged_in

        from . import auth, cache, checks, roles, services, signed_in  # noqa: F401 (checks registers)

        # After the last app's post_migrate, when every app's permissions exist.
        post_migrate.connect(roles.ensure_roles_after_migrate, dispatch_uid="route2020-roles")
        user_logged_in.connect(services.language_on_login, dispatch_uid="route2020-language")
        cache.connect_invalidation()
        signed_in.connect_invalidation()
        password_reset.connect(auth.unlock_after_password_reset, dispatch_uid="route2020-unlock")
        cache.read_query_parameters("p")  # the sitemap's pages


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the organisation and provinces of route2020.core."""

    user_viewset = "route2020.core.admin_users.UserViewSet"
