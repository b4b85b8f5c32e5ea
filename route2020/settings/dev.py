import os

from .base import *  # noqa: F403

# On for a developer's own `manage.py runserver`; `make run` (the demo) sets DEBUG=0, so a
# person trying the demo sees the product's own 403, 404 and 500 pages, never Django's
# technical pages (docs/deploy.md). Static files then come from `runserver --insecure`.
DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
SERVE_MEDIA = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-route2020"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# The demo logins (make run) have no authenticator app: two-step sign-in is not required for
# staff here. `manage.py check` and /beheer/ say so; set MFA_REQUIRED_FOR_STAFF=1 to try it.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", False)  # noqa: F405

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (WhiteNoise warns when it is missing)
if not os.environ.get("EMAIL_HOST"):
    # Mails go to files, one per message, instead of flooding the console of `make run`.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405
