from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "municipality", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "municipality"]
    ordering = ["name"]


register_snippet(OrganisationViewSet)
