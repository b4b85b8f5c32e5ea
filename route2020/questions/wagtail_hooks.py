"""The office reads the flags (meldingen) and marks them handled; hiding an answer itself is
done on the site (`/vragen/antwoord/<id>/verbergen/`), with the reason its author sees."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Flag


class FlagViewSet(ModelViewSet):
    model = Flag
    icon = "warning"
    menu_label = _("Meldingen bij vragen")
    add_to_admin_menu = True
    menu_order = 262
    list_display = ["reason", "question", "answer", "created_at", "handled"]
    list_filter = ["handled"]
    form_fields = ["handled"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_flag_viewset():
    return FlagViewSet("vragen_meldingen")
