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
# The forms' rate limits (route2020/core/ratelimit.py) off: the load comes from one address
# and would otherwise measure 429 pages (the search page's "60/m" after a second of load).
from route2020.core.ratelimit import DEFAULT_LIMITS  # noqa: E402

RATE_LIMITS = dict.fromkeys(DEFAULT_LIMITS, "")
