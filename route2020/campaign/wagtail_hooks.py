from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CampaignSignup


class CampaignSignupViewSet(SnippetViewSet):
    model = CampaignSignup
    icon = "group"
    menu_label = _("Campagne-aanmeldingen")
    list_display = ["organisation", "period", "created_at"]
    list_filter = ["period"]


register_snippet(CampaignSignupViewSet)
