from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "route2020.newsletter"
    label = "newsletter"
    verbose_name = "Reisflitsen"

    def ready(self):
        from route2020.core.cache import invalidate_on_change

        from .models import Dispatch

        # An issue appears in the archive when its sending starts, without a page publish.
        invalidate_on_change(Dispatch)
