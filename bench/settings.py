"""Production settings for the benchmark server: the same middleware, plus the baseline view.

`bench/pages.py` sets the environment (SECRET_KEY, DATABASE_URL, PAGE_CACHE, ...) before
Django reads this module, in its own process and in gunicorn's.
"""

from route2020.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Missing front-end files (before `make vendor`) must not turn every page into a 500.
STORAGES["staticfiles"] = {"BACKEND": "bench.storage.LenientManifestStorage"}  # noqa: F405
# Shared Redis: keep the benchmark's keys apart from a development server's.
CACHES["default"]["KEY_PREFIX"] = "bench"  # noqa: F405

# An experiment, not production: BENCH_CONN_MAX_AGE=60 keeps database connections open between
# requests (production settings close SQLite's after each one).
if os.environ.get("BENCH_CONN_MAX_AGE"):  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])  # noqa: F405

# The cached Site of route2020/core/sites.py, until route2020/settings/base.py lists it (asked
# for; the benchmark header says whether it was added here).
SITE_MIDDLEWARE = "route2020.core.sites.CachedSiteMiddleware"
if SITE_MIDDLEWARE not in MIDDLEWARE:  # noqa: F405
    MIDDLEWARE = [*MIDDLEWARE, SITE_MIDDLEWARE]  # noqa: F405
