"""How core finds what each app adds: a module of a known name in the app's package.

`home.py` (home page sections), `privacy.py` (export and forget a person) and `demo.py`
(demo content) are looked up once per process, in the order given.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec


@cache
def app_modules(name, labels):
    """The modules `route2020.<label>.<name>` that exist, for the given app labels."""
    found = []
    for label in labels:
        module = f"route2020.{label}.{name}"
        if find_spec(module) is not None:
            found.append(import_module(module))
    return tuple(found)


def route2020_labels():
    from django.apps import apps

    return tuple(
        config.name.removeprefix("route2020.")
        for config in apps.get_app_configs()
        if config.name.startswith("route2020.")
    )
