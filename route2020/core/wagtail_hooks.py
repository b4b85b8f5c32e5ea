from urllib.parse import urlsplit

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.active_filters import BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import permissions
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


class MfaOffPanel(Component):
    """A visible notice on the dashboard when two-step sign-in is not required (the dev
    settings, so that the demo logins work)."""

    name = "mfa_off"
    order = 0

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="help-block help-warning" aria-labelledby="mfa-off"><h2 id="mfa-off">'
            "{}</h2><p>{}</p></section>",
            _("Inloggen in twee stappen is niet verplicht"),
            _(
                "MFA_REQUIRED_FOR_STAFF staat uit (ontwikkelomgeving). Op een server moeten "
                "redactie, beheerders en regiogidsen eerst inloggen in twee stappen instellen."
            ),
        )


@hooks.register("construct_homepage_panels")
def warn_when_mfa_is_off(request, panels):
    if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", True):
        panels.insert(0, MfaOffPanel())


class MembershipMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.decides_memberships(request.user)


@hooks.register("register_admin_menu_item")
def membership_queue_menu_item():
    """Guides and the office confirm memberships on the site's own queue page, beside the
    review of submissions; this puts it in their /beheer/ menu."""
    return MembershipMenuItem(
        _("Lidmaatschappen bevestigen"),
        reverse("membership-queue"),
        icon_name="user",
        order=240,
    )


class BooleanFilterAdapter(BaseFilterAdapter):
    """A yes/no filter in force shows its option's label ("Actief: Ja"), not "Actief: True"."""

    def get_active_filters(self):
        labels = dict(getattr(self.filter.field.widget, "choices", ()))
        key = {True: "true", False: "false"}.get(self.value, str(self.value))
        for active in super().get_active_filters():
            yield active._replace(value=str(labels.get(key, active.value)))


register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)


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
    page.get_view_restrictions = _no_restrictions
    return None


def _no_restrictions():
    """An empty list of restrictions, without a trip through the ORM's compiler."""
    return ()


def is_restricted_path(path):
    return any(path.startswith(restricted) for restricted in restricted_paths())


@hooks.register("construct_help_menu")
def keep_help_menu_on_the_site(request, menu_items):
    """The CMS refers to no other host (issue 11): Wagtail's help menu links to its English
    guide on guide.wagtail.org; what remains are the items on the site itself."""
    menu_items[:] = [item for item in menu_items if not urlsplit(item.url or "").netloc]


# The office's workflow: a page goes live through the redactie's approval step. Wagtail lets
# whoever may publish skip it with "Publiceren", and the approver needs that permission to
# finish the step; so the redactie keeps it and only the button and its request are refused
# while a workflow covers the page (a superuser may still publish at once).
def must_use_workflow(user, page):
    return not user.is_superuser and page is not None and page.get_workflow() is not None


def _publish_refused(request, page):
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.error(
        request,
        _("Publiceren gaat via de goedkeuring: kies ‘Ter goedkeuring indienen’."),
    )
    return redirect(request.get_full_path())


@hooks.register("construct_page_action_menu")
def hide_publish_under_workflow(menu_items, request, context):
    page = context.get("page") or context.get("parent_page")
    if must_use_workflow(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    if request.method == "POST" and "action-publish" in request.POST:
        if must_use_workflow(request.user, page):
            return _publish_refused(request, page)


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    if request.method == "POST" and "action-publish" in request.POST:
        if must_use_workflow(request.user, parent_page):
            return _publish_refused(request, parent_page)


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action):
    if action_type == "publish" and any(
        must_use_workflow(request.user, getattr(page, "specific", page)) for page in objects
    ):
        return _publish_refused(request, None)
