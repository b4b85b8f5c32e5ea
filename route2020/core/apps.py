from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "route2020.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self):
        from . import cache, roles  # noqa

        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
        cache.connect_invalidation()
