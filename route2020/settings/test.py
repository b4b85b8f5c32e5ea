from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ACCOUNT_RATE_LIMITS = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # noqa: F405
# Each test asks for the listing warm-up it needs (it would run inline with ImmediateBackend).
PRACTICES_WARM_LISTING = False
