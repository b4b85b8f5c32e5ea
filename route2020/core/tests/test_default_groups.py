"""Wagtail's empty default groups ("Moderators", "Editors") do not stand beside the roles."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from route2020.core import roles

pytestmark = pytest.mark.django_db


def remove_default_groups():
    name = "route2020.core.migrations.0007_remove_wagtail_default_groups"
    import_module(name).remove_default_groups(apps, None)


def test_only_the_platforms_roles_are_groups_after_migrate(make_user):
    make_user()  # the roles are kept in step after migrate; this makes sure they exist
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ROLES)


def test_a_default_group_the_office_used_is_kept(make_user):
    from wagtail.models import GroupPagePermission, Page

    access = Permission.objects.get(codename="access_admin")
    untouched = Group.objects.create(name="Moderators")
    untouched.permissions.add(access)
    GroupPagePermission.objects.create(
        group=untouched,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="publish_page"),
    )
    used = Group.objects.create(name="Editors")
    make_user(role=None, organisation=None).groups.add(used)
    remove_default_groups()
    assert not Group.objects.filter(name="Moderators").exists()
    assert Group.objects.filter(name="Editors").exists()
    # Other rights than Wagtail's own keep a group too.
    used.user_set.clear()
    used.permissions.add(Permission.objects.get(codename="change_user"))
    remove_default_groups()
    assert Group.objects.filter(name="Editors").exists()
