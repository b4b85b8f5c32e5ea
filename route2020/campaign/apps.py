from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from route2020.core.roles import ALL_MODELS, EDITOR


class CampaignConfig(AppConfig):
    name = "route2020.campaign"
    label = "campaign"
    verbose_name = _("Campagne")
    role_permissions = {EDITOR: ALL_MODELS}

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from route2020.core.cache import read_query_parameters

        from .models import CampaignSignup

        read_query_parameters("pagina")
        # The campaign's pages show who takes part; a sign-up changes that without a publish.
        # Only those pages' cached copies are renewed (route2020.core.cache scopes).
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                signup_changed, sender=CampaignSignup, dispatch_uid=f"campaign-signup-{name}"
            )


def signup_changed(sender, instance, **kwargs):
    from route2020.core.cache import invalidate_scope

    from .models import CACHE_SCOPE

    invalidate_scope(CACHE_SCOPE)
