"""The WSGI module loads what the first request would (route2020/wsgi.py)."""

import json
import os
import subprocess
import sys

PROBE = """
import gc, json, sys
before = set(sys.modules)
from route2020 import wsgi
from django.db import connections
print(json.dumps({
    "urlconf_loaded": "route2020.urls" in sys.modules and "route2020.urls" not in before,
    "frozen": gc.get_freeze_count(),
    "open_connections": [c.alias for c in connections.all() if c.connection is not None],
}))
"""


def test_the_urlconf_is_loaded_and_frozen_before_the_first_request():
    """A fresh process, as a gunicorn worker (or its master with --preload) imports it."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "route2020.settings.test"}
    output = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout
    probe = json.loads(output.strip().splitlines()[-1])
    assert probe["urlconf_loaded"]
    # Django, Wagtail and the apps: well over 100,000 objects no collection walks again.
    assert probe["frozen"] > 100_000
    # A connection opened here would be shared by every forked worker.
    assert probe["open_connections"] == []
