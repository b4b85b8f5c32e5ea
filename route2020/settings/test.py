import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-xdist runs the suite in several processes (`make test`): pytest-django gives each its
# own test database; the cache (in-process, cleared around every test) and the media files get
# a place of their own per worker too. Tests that build the embedded cache of the base settings
# give it a directory under their tmp_path (route2020/operations/tests).
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"route2020-test-{XDIST_WORKER}",
        "KEY_PREFIX": XDIST_WORKER,
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ACCOUNT_RATE_LIMITS = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
MEDIA_ROOT = VAR_DIR / f"test-media-{XDIST_WORKER}"  # noqa: F405
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # noqa: F405
# Each test asks for the listing warm-up it needs (it would run inline with ImmediateBackend).
PRACTICES_WARM_LISTING = False
# The API's rate limit is tested on its own (route2020/api/tests); the fuzzing must not meet it.
API_RATE_LIMIT = ""
# Tests that need them switch these on (core/tests/test_signin.py).
MFA_REQUIRED_FOR_STAFF = False
# django-axes refuses Django's test client.login() (it has no request); the sign-in tests
# switch it on for themselves.
AXES_ENABLED = False
SILENCED_SYSTEM_CHECKS = ["route2020.W001"]
# The statistics drain their counts at the flush (and every DRAIN_COUNTS), not from a thread
# at a moment a test cannot choose (route2020.stats.buffer).
STATS_DRAIN_THREAD = False
# A page that reads a query parameter no app declared fails its test (route2020.core.cache).
PAGE_CACHE_STRICT = True
# A test makes its two-factor code from the clock, and a slow request (a busy machine) may
# cross into the next 30-second step before the code is checked: accept one step either way.
MFA_TOTP_TOLERANCE = 1
