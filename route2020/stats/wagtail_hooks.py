from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_view_statistics

admin_urls = ([path("", admin_views.index, name="index")], "stats_admin")


@hooks.register("register_admin_urls")
def register_urls():
    return [path("statistieken/", include(admin_urls))]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_statistics(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return StatisticsMenuItem(
        _("Statistieken"), reverse("stats_admin:index"), icon_name="table", order=270
    )
