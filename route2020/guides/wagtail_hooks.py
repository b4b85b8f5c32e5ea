from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import VisitAdminForm
from .models import Visit
from .permissions import may_explore


class VisitViewSet(SnippetViewSet):
    """The office sees every guide's visits; guides log their own on the site."""

    model = Visit
    icon = "site"
    menu_label = _("Bezoeken regiogidsen")
    list_display = ["organisation", "visited_on", "guide"]
    list_filter = ["visited_on"]
    search_fields = ["findings"]
    add_to_admin_menu = False

    # The practices and submissions of the visited library, as ticks (admin_forms.py).
    edit_handler = ObjectList(
        [
            FieldPanel("guide"),
            FieldPanel("organisation"),
            FieldPanel("visited_on"),
            FieldPanel("findings"),
            FieldPanel("practices"),
            FieldPanel("submissions"),
        ],
        base_form_class=VisitAdminForm,
    )


register_snippet(VisitViewSet)


class GuideOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return may_explore(request.user)


@hooks.register("register_admin_menu_item")
def exploration_menu_item():
    """Guides log visits on the site's own page; this puts it in their /beheer/ menu."""
    return GuideOnlyMenuItem(
        _("Mijn verkenning"), reverse("guides:visit-list"), icon_name="site", order=251
    )
