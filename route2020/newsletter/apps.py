from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class NewsletterConfig(AppConfig):
    name = "route2020.newsletter"
    label = "newsletter"
    verbose_name = _("Reisflitsen")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from route2020.core.cache import invalidate_on_change, read_query_parameters

        read_query_parameters("pagina")  # the archive's pages

        from route2020.core.csrf import on_csrf_retry

        from .views import signup_csrf_retry

        on_csrf_retry(signup_csrf_retry)

        from .models import Dispatch

        # An issue appears in the archive when its sending starts, without a page publish.
        invalidate_on_change(Dispatch)
