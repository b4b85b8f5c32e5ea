"""The WSGI application, loaded before the process serves its first request.

Django imports the URLconf on the first request, and with it every app's URLs and the API
(whose OpenAPI schema it builds): 0.3-0.5 s of CPU, which the first visitor of each gunicorn
worker waited for (and again after every `max_requests` restart). It is imported here
instead: once in gunicorn's master with `--preload`, otherwise in each worker before it
accepts a connection.

Then `gc.freeze()` moves everything loaded so far (some 240,000 objects: Django, Wagtail,
the apps, the URLconf) out of the garbage collector's sight. They live as long as the
process, yet a full collection walked them all: about 100 ms of CPU in the middle of a
request, whenever enough new objects had survived (docs/benchmarks.md, "The API"). Frozen,
a full collection only walks what the process made since; after a fork the workers also
stop writing to the pages they share with the master (copy on write).
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "route2020.settings.dev")
application = get_wsgi_application()


def _load_before_serving():
    from django.db import connections
    from django.urls import get_resolver

    open_before = {c.alias for c in connections.all() if c.connection is not None}
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf
    # Nothing above should have asked the database; a connection opened in gunicorn's master
    # would be shared by the forked workers. (One opened before is someone else's: a test's.)
    for connection in connections.all():
        if connection.connection is not None and connection.alias not in open_before:
            connection.close()
    gc.collect()
    gc.freeze()


_load_before_serving()
