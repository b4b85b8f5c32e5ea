"""How an app plugs into the platform without core naming it.

Core knows no domain app. It asks every installed app under `route2020.` (in the order of
INSTALLED_APPS) for what it adds, by convention:

- `home.py` with `home_sections()`: the sections the app adds to the home page
  (`HomeSection`: a template, its context, where and in which order);
- `privacy.py` with `export(user)` and, when the app must act before a person's rows go,
  `forget(user)`: the data export at /account/gegevens/ and account deletion;
- `profile.py` with `profile_sections(request)`: sections of the profile page, each a
  separate form posting to the app's own URL (`ProfileSection`);
- `role_permissions` on the app's `AppConfig`: the Django permissions each role gets on the
  app's models (`roles.ALL_MODELS` for every model permission of the app), kept in step after
  every migrate by `roles.ensure_roles()`.

Demo content is not a runtime concern: the `route2020.demo` app finds a module per app label
in its own package (see `route2020/demo/__init__.py`). A new app adds itself by having these
modules; no list in core or in settings (beyond INSTALLED_APPS) is edited.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

PREFIX = "route2020."


def app_configs():
    """The AppConfigs of the platform's own apps, in INSTALLED_APPS order."""
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.name.startswith(PREFIX)]


def app_labels():
    return tuple(config.label for config in app_configs())


@cache
def _modules(name, packages):
    found = []
    for package in packages:
        module = f"{package}.{name}"
        if find_spec(module) is not None:
            found.append(import_module(module))
    return tuple(found)


def app_modules(name):
    """The modules `<app>.<name>` that exist, one per installed app that has one."""
    return _modules(name, tuple(config.name for config in app_configs()))


@dataclass(frozen=True)
class HomeSection:
    """One section of the home page, rendered with `template` and `{{ section }}` = context.

    `region`: "wide" (full width, below the introduction), "columns" (side by side) or
    "callout" (a highlighted band at the bottom). Within a region, lower `order` comes first.
    Context values should be lazy (querysets, SimpleLazyObject): the home page caches its
    sections as one fragment, so a cached home page runs none of their queries.
    """

    template: str
    context: dict = field(default_factory=dict)
    region: str = "columns"
    order: int = 50


REGIONS = ("wide", "columns", "callout")


def home_sections():
    """Every app's home sections, grouped by region and sorted."""
    sections = [section for module in app_modules("home") for section in module.home_sections()]
    sections.sort(key=lambda section: section.order)
    return {region: [s for s in sections if s.region == region] for region in REGIONS}


@dataclass(frozen=True)
class ProfileSection:
    """One section of /account/profiel/, rendered with `template` and `{{ section }}` =
    context; it holds its own form, which posts to the app's own view."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def profile_sections(request):
    sections = [
        section for module in app_modules("profile") for section in module.profile_sections(request)
    ]
    sections.sort(key=lambda section: section.order)
    return sections
