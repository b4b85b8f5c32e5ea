from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation
from .pages import restricted_paths


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


@hooks.register("before_serve_page")
def skip_view_restriction_queries_for_public_pages(page, request, serve_args, serve_kwargs):
    """Spare public pages the two queries of Wagtail's view-restriction check.

    Wagtail's `check_view_restrictions` (an `on_serve_page` hook) asks the database for the
    page's ancestors and then for their restrictions on every page view, although almost no
    page is restricted. `before_serve_page` hooks run before the `on_serve_page` chain, so here
    a page outside every restricted subtree (`restricted_paths()`, cached per content
    generation, which moves whenever a restriction is saved or deleted or a page moves) gets an
    empty restriction list; Wagtail's check then finds nothing to enforce without a query.
    Pages under a restriction, and aliases (whose restrictions are their source's), keep
    Wagtail's full check, so password, login and group restrictions work as before.
    """
    if page.alias_of_id or is_restricted_path(page.path):
        return None
    page.get_view_restrictions = PageViewRestriction.objects.none
    return None


def is_restricted_path(path):
    return any(path.startswith(restricted) for restricted in restricted_paths())
