"""Wagtail makes two groups on a new database, "Moderators" and "Editors", in English, with
nobody in them. The platform's roles are "Lid", "Regiogids" and "Redactie" (core/roles.py),
so the CMS's group and user screens show two empty extra groups that look like roles.

Removed here, but only when they are still as Wagtail made them: no members, and no
permissions beyond Wagtail's own (its apps' permissions, pages from the tree's root, the
root collection). A site whose office gave such a group people or other rights keeps it.
Runs after Wagtail's own migrations that give these groups their permissions.
"""

from django.db import migrations

DEFAULT_GROUPS = ("Moderators", "Editors")


def as_wagtail_made_it(apps, group):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    User = apps.get_model("core", "User")
    if User.objects.filter(groups=group).exists():
        return False
    if group.permissions.exclude(content_type__app_label__startswith="wagtail").exists():
        return False
    if GroupPagePermission.objects.filter(group=group).exclude(page__depth=1).exists():
        return False
    return (
        not GroupCollectionPermission.objects.filter(group=group)
        .exclude(collection__depth=1)
        .exists()
    )


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=DEFAULT_GROUPS):
        if as_wagtail_made_it(apps, group):
            group.delete()  # its page and collection permissions and task links go with it


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_content_page_english_title"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    # Not brought back when migrating backwards: empty groups nobody used.
    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
