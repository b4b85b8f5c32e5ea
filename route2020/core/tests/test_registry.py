"""The registry: core finds what each app adds (home sections, role permissions, privacy)
without naming any app."""

import pytest
from django.contrib.auth.models import Group

from route2020.core import registry, roles


@pytest.mark.django_db
def test_every_app_with_a_home_module_adds_its_sections_in_order():
    sections = registry.home_sections()
    templates = {region: [s.template for s in found] for region, found in sections.items()}
    assert templates["wide"] == ["themes/includes/home_section.html"]
    assert templates["columns"] == [
        "news/includes/home_section.html",
        "events/includes/home_section.html",
        "practices/includes/home_section.html",
    ]
    assert templates["callout"] == [
        "surveys/includes/home_section.html",
        "newsletter/includes/home_section.html",
    ]


def test_privacy_modules_are_found_per_app_without_a_list():
    labels = {module.__name__.split(".")[1] for module in registry.app_modules("privacy")}
    assert {"practices", "events", "newsletter"} <= labels
    modules = registry.app_modules("privacy")
    assert all(hasattr(m, "export") or hasattr(m, "export_browser") for m in modules)


@pytest.mark.django_db
def test_role_permissions_come_from_each_apps_config():
    roles.ensure_roles()
    editors = Group.objects.get(name=roles.EDITOR)
    codenames = {
        f"{app}.{codename}"
        for app, codename in editors.permissions.values_list("content_type__app_label", "codename")
    }
    # declared by PracticesConfig (ALL_MODELS) and by CoreConfig (a list)
    assert "practices.designate_parel" in codenames
    assert "core.change_organisation" in codenames
    # people are managed in Wagtail's user screens, by the office
    assert "core.change_user" in codenames
    assert not Group.objects.get(name=roles.MEMBER).permissions.exists()


def test_the_home_page_renders_the_sections_it_is_given(home, client):
    html = client.get("/").content.decode()
    assert 'id="home-nieuws"' in html
    assert html.index('id="home-nieuws"') < html.index('id="home-reisflitsen"')


@pytest.mark.django_db
def test_roles_get_the_permissions_of_apps_migrated_after_core():
    """post_migrate of core comes before the later apps' permissions exist; the roles are set
    once every app has its permissions (a fresh `migrate` gives editors all of them)."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.db.models.signals import post_migrate

    # As on a fresh database: the newsletter's permissions are made on its own signal.
    Permission.objects.filter(content_type__app_label="newsletter").delete()
    editors = Group.objects.get(name=roles.EDITOR)
    for config in apps.get_app_configs():
        post_migrate.send(
            sender=config,
            app_config=config,
            verbosity=0,
            interactive=False,
            using="default",
            apps=apps,
            plan=[],
        )
    assert editors.permissions.filter(content_type__app_label="newsletter").exists()
