from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Adoption, Submission


class AdoptionViewSet(SnippetViewSet):
    model = Adoption
    icon = "pick"
    menu_label = _("Overnames")
    list_display = ["practice", "organisation", "created_at"]
    add_to_admin_menu = False


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "doc-full"
    menu_label = _("Inzendingen")
    list_display = ["__str__", "organisation", "state", "updated_at"]
    list_filter = ["state"]


register_snippet(AdoptionViewSet)
register_snippet(SubmissionViewSet)
