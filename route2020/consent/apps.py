from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    """What a visitor is told and what they choose: the cookie question and the privacy
    statement. The statistics themselves live in route2020.stats."""

    name = "route2020.consent"
    label = "consent"
    verbose_name = _("Cookies en privacy")
