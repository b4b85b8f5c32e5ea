from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from route2020.core.permissions import is_editor

from . import admin_views
from .models import NewsletterIssuePage, Subscriber

admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("<int:page_id>/", admin_views.dispatch, name="dispatch"),
        path("<int:page_id>/e-mail/", admin_views.mail_preview, name="mail_preview"),
    ],
    "newsletter_admin",
)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("reisflitsen/", include(admin_urls))]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return EditorMenuItem(
        _("Reisflitsen"), reverse("newsletter_admin:index"), icon_name="mail", order=260
    )


def _is_issue(page):
    return page.specific_class is NewsletterIssuePage


@hooks.register("register_page_listing_buttons")
def listing_buttons(page, user, next_url=None):
    if _is_issue(page) and is_editor(user):
        yield ListingButton(
            _("Verzenden"),
            reverse("newsletter_admin:dispatch", args=[page.pk]),
            icon_name="mail",
            priority=15,
        )


class SendMenuItem(PageMenuItem):
    label = _("Verzenden")
    icon_name = "mail"
    url_name = "newsletter_admin:dispatch"

    def is_shown(self, user):
        return is_editor(user)


@hooks.register("register_page_header_buttons")
def header_buttons(page, user, view_name, next_url=None):
    if _is_issue(page):
        yield SendMenuItem(page=page, priority=5)


class SubscriberViewSet(ModelViewSet):
    """Subscribers sign up themselves (double opt-in); editors can look, correct and delete."""

    model = Subscriber
    icon = "user"
    menu_label = _("Abonnees Reisflitsen")
    add_to_admin_menu = True
    menu_order = 261
    list_display = ["email", "name", "organisation", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "name", "organisation"]
    form_fields = ["email", "name", "organisation", "themes", "status"]
    list_export = ["email", "name", "organisation", "status", "created_at", "confirmed_at"]


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("reisflitsen_abonnees")
