"""Find and run each app's demo content (see the package's docstring)."""

from importlib import import_module
from importlib.util import find_spec

from django.db import transaction

from route2020.core.registry import app_labels

from .content.core import home_page

PACKAGE = "route2020.demo.content"


def content_modules():
    """`route2020.demo.content.<label>` for every installed app that has one, in order."""
    names = [f"{PACKAGE}.{label}" for label in app_labels()]
    return [import_module(name) for name in names if find_spec(name) is not None]


def load(stdout, *, seed_only=False):
    """Load every app's demo content; returns the logins to print."""
    logins = []
    for module in content_modules():
        if seed_only and not getattr(module, "SEED", False):
            continue
        with transaction.atomic():
            logins += module.load(stdout) or []
    # A module may finish once every app's content exists (links to pages made later).
    for module in content_modules():
        if hasattr(module, "after") and not (seed_only and not getattr(module, "SEED", False)):
            with transaction.atomic():
                module.after(stdout)
    order_menu()
    return logins


def order_menu():
    """Put the sections in the order a library's staff member looks for them."""
    positions = {}
    for module in content_modules():
        positions.update(getattr(module, "MENU", {}))
    home = home_page()
    children = {page.slug: page for page in home.get_children()}
    wanted = sorted((slug for slug in positions if slug in children), key=positions.get)
    current = [page.slug for page in home.get_children() if page.slug in positions]
    if current == wanted:
        return
    for slug in reversed(wanted):
        page = children[slug]
        page.refresh_from_db()
        page.move(home, pos="first-child")
