from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from route2020.files.access import FileRule

from . import permissions, services
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


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    """Guides review in the site's own queue page; this puts it in their /beheer/ menu."""
    return GuideMenuItem(
        _("Inzendingen beoordelen"),
        reverse("practices:review-queue"),
        icon_name="tasks",
        order=250,
    )


class GuideMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_review(request.user)


@hooks.register("register_file_rule")
def draft_files_rule():
    """Attachments of submissions are private until the practice is published."""
    return FileRule(
        key=services.DRAFT_FILES,
        name=_("Inzendingen praktijkvoorbeelden (niet openbaar)"),
        may_view=permissions.may_view_draft_file,
    )
