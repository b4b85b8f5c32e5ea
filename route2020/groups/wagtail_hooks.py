from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from route2020.files.access import FileRule

from . import services
from .models import GroupPage


@hooks.register("register_file_rule")
def members_only_rule():
    """Documents a group marks "alleen voor leden": for confirmed members only."""
    return FileRule(
        key=services.MEMBERS_ONLY,
        name=_("Groepsdocumenten (alleen voor leden)"),
        may_view=services.may_view_members_only_file,
    )


def sync_documents(request, page):
    page = page.specific
    if isinstance(page, GroupPage):
        services.documents_sync(page=page)


hooks.register("after_create_page", sync_documents)
hooks.register("after_edit_page", sync_documents)
hooks.register("after_publish_page", sync_documents)
