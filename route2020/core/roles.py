"""The roles of PRODUCT.md as Django groups. Kept in step after every migrate."""

import json
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import pgettext_lazy

# The group names are data (permissions and code look them up): never translate them.
MEMBER, GUIDE, EDITOR = "Lid", "Regiogids", "Redactie"
ROLES = (MEMBER, GUIDE, EDITOR)

# What the site shows for each role, in the visitor's language.
ROLE_LABELS = {
    MEMBER: pgettext_lazy("rol", "Lid"),
    GUIDE: pgettext_lazy("rol", "Regiogids"),
    EDITOR: pgettext_lazy("rol", "Redactie"),
}

PROVINCES_FILE = Path(__file__).parent / "data" / "nl-provincies-2023.geojson"


def role_label(name):
    """The label of a role group; a group the platform does not know keeps its own name."""
    return ROLE_LABELS.get(name, name)


def province_features():
    with PROVINCES_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)["features"]


def ensure_provinces():
    from .models import Province

    for feature in province_features():
        code, name = feature["properties"]["statcode"], feature["properties"]["statnaam"]
        Province.objects.update_or_create(code=code, defaults={"name": name, "slug": slugify(name)})


def ensure_roles():
    """Create the three role groups; the editors get the CMS and every page below the root."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    editors = groups[EDITOR]
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors.permissions.add(*admin_access)
    guide_access = groups[GUIDE]
    guide_access.permissions.add(*admin_access)
    # Editors manage snippets and documents/images of every app.
    editor_codenames = Permission.objects.filter(
        content_type__app_label__in=[
            "core",
            "news",
            "themes",
            "groups",
            "practices",
            "events",
            "newsletter",
            "wagtailimages",
            "wagtaildocs",
            "wagtailsnippets",
        ]
    ).exclude(content_type__model="user")
    editors.permissions.add(*editor_codenames)
    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )


def ensure_roles_after_migrate(**kwargs):
    ensure_provinces()
    ensure_roles()
