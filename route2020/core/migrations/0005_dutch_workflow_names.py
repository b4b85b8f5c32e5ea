"""Wagtail's default workflow is named after the group it creates ("Moderators approval"),
in English, and the CMS is Dutch: give the workflow and its task a Dutch name.

Only the name changes; who approves (the group) is the roles' business (issue 13.5).
"""

from django.db import migrations

OLD = "Moderators approval"
NEW = "Goedkeuring door de redactie"


def rename(apps, schema_editor, old=OLD, new=NEW):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=old).update(name=new)
    Task.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_membership_requests"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
