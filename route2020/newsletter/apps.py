from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "route2020.newsletter"
    label = "newsletter"
    verbose_name = _("Reisflitsen")

    def ready(self):
        from route2020.core.cache import invalidate_on_change

        from .models import Dispatch

        # An issue appears in the archive when its sending starts, without a page publish.
        invalidate_on_change(Dispatch)
