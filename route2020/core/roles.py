"""The roles of PRODUCT.md as Django groups. Kept in step after every migrate."""

import json
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import pgettext_lazy

# The group names are data (permissions and code look them up): never translate them.
MEMBER, GUIDE, EDITOR = "Lid", "Regiogids", "Redactie"
ROLES = (MEMBER, GUIDE, EDITOR)
# In an AppConfig's role_permissions: every permission on the app's models.
ALL_MODELS = "__all__"

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
    """Create the role groups and give them what each app declares.

    An app declares `role_permissions` on its AppConfig: {role: ALL_MODELS or codenames}.
    Editors also get the CMS, Wagtail's images, documents, snippets and users, every page
    below the root and the workflow's approval step; guides get the
    CMS (their screens check their provinces themselves). Runs after every migrate, so a
    database made before a change gets it too.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Page

    from .registry import app_configs

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups[EDITOR].permissions.add(*admin_access)
    groups[GUIDE].permissions.add(*admin_access)
    groups[EDITOR].permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs", "wagtailsnippets"]
        ),
        # The office manages the people (members, guides, each other) in the CMS's user screens.
        *Permission.objects.filter(
            content_type__app_label="core",
            codename__in=["add_user", "change_user", "delete_user", "view_user"],
        ),
    )
    for config in app_configs():
        for role, wanted in getattr(config, "role_permissions", {}).items():
            permissions = Permission.objects.filter(content_type__app_label=config.label)
            if wanted != ALL_MODELS:
                permissions = permissions.filter(codename__in=wanted)
            groups[role].permissions.add(*permissions)
    ensure_collection_permissions(groups[EDITOR])
    root = Page.get_first_root_node()
    if root is None:
        return
    ensure_page_permissions(groups[EDITOR], root)
    ensure_approval(groups[EDITOR], root)


# Images and documents are permitted per collection, not by the group's own permissions.
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image", "delete_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document", "delete_document"),
}
# Editors publish through the approval step of the workflow, which belongs to them; Wagtail
# needs the approver to hold publish_page, and core/wagtail_hooks.py refuses "Publiceren"
# outside the workflow.
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
APPROVAL_TASK = "Goedkeuring door de redactie"


def ensure_collection_permissions(group):
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    collection = Collection.get_first_root_node()
    if collection is None:
        return
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def ensure_page_permissions(group, root):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def ensure_approval(group, root):
    """The site's workflow (Wagtail's default, on the root) has its approval step done by the
    redactie; Wagtail gives it to a "Moderators" group that nobody is in. A site whose office
    removed the workflow keeps it removed."""
    from wagtail.models import GroupApprovalTask, WorkflowPage

    link = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if link is None:
        return
    for task in link.workflow.tasks.all():
        task = task.specific
        if isinstance(task, GroupApprovalTask):
            task.groups.set([group])


def ensure_roles_after_migrate(sender, **kwargs):
    """post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions
    are made on its own signal: the roles are set on the last one, when all of them exist."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:  # Django sends it only for apps with models
        return
    ensure_provinces()
    ensure_roles()
