"""Settings shared by every environment.

Everything is read from the environment with a safe default: DEBUG is off, and an
integration (SMTP, Redis) is only switched on when its variable is set.
"""

import os
from datetime import datetime, timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("ROUTE2020_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "route2020.core",
    "route2020.news",
    "route2020.themes",
    "route2020.practices",
    "route2020.events",
    "route2020.newsletter",
    "route2020.agenda",
    "route2020.decisions",
    "route2020.guides",
    "route2020.groups",
    "route2020.campaign",
    "route2020.surveys",
    "route2020.questions",
    "route2020.notifications",
    "route2020.search",
    "route2020.files",
    "route2020.consent",
    "route2020.stats",
    "route2020.operations",
    "route2020.demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "route2020.core.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-ninja: the public API (route2020.api); in INSTALLED_APPS so that its docs page
    # is served with the Swagger UI files it ships, from our own static files.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Every response carries the request's id (X-Request-ID), and so does every log line.
    "route2020.operations.middleware.RequestIdMiddleware",
    # /gezondheid/ and /health/ answer here: before the host check, the HTTPS redirect and
    # every cache, so a load balancer can ask any app server directly.
    "route2020.operations.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages carry the policy too.
    "route2020.core.csp.ScopedCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so that cached API answers get their 304s and CORS headers too.
    "route2020.api.http.ApiMiddleware",
    # Outside the page cache, so pages served from it are counted too (cache only, no query).
    "route2020.stats.middleware.StatisticsMiddleware",
    "route2020.core.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person kept per process (route2020.core.signed_in).
    "route2020.core.signed_in.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "route2020.core.middleware.AdminFramesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "route2020.core.auth.StaffMfaMiddleware",
    "route2020.core.sites.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out sign-in into the lockout page (AXES_LOCKOUT_TEMPLATE).
    "axes.middleware.AxesMiddleware",
]

# Django's cookie-then-session storage, made only when a request uses a message.
MESSAGE_STORAGE = "route2020.core.middleware.LazyFallbackStorage"

ROOT_URLCONF = "route2020.urls"
WSGI_APPLICATION = "route2020.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "route2020.core.context_processors.site_frame",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://... uses psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'route2020.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Read replicas (PostgreSQL streaming replication): reads go to one of them, writes and every
# read inside a transaction or after a write in the same request go to "default"
# (route2020.operations.routers). Comma-separated URLs; none by default.
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(
        url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests run against the primary; a replica alias reads the same test database.
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = []
if DATABASE_REPLICAS:
    DATABASE_ROUTERS.append("route2020.operations.routers.ReplicaRouter")
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
        "route2020.operations.middleware.PrimaryAfterWriteMiddleware",
    )
# Seconds a browser keeps reading from the primary after it posted a change, so that it
# sees its own change even while a replica lags behind.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

# Cache: without Redis an embedded cache in SQLite files under var/diskcache (python-diskcache),
# shared by every process on the machine. Its writes cost the same at 10 entries as at
# 100,000 (Django's file cache lists every file on each write); when it is full the oldest
# entries go. With REDIS_URL the cache, and the sessions, are shared by every app server.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "route2020.core.embedded_cache.EmbeddedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(VAR_DIR / "diskcache")),
        "TIMEOUT": 60 * 60,
        "SHARDS": 8,
        # Seconds a read waits for a writer before it counts as a miss (writes retry).
        "DATABASE_TIMEOUT": 0.25,
        "OPTIONS": {"size_limit": int(os.environ.get("CACHE_SIZE_MB", "1024")) * 2**20},
    }
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "TIMEOUT": 60 * 60,
    }
# Sessions: "cached_db" (the default) reads them from the cache (the embedded one, or Redis)
# and writes them through to the database, so a cache that is emptied, evicts or restarts
# signs nobody out; a signed-in page then reads no session row. "db" reads the database on
# every request; "cache" keeps them in the cache only.
SESSION_STORE = os.environ.get("SESSION_STORE", "cached_db")
SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "cache": "django.contrib.sessions.backends.cache",
}[SESSION_STORE]
# The anonymous page cache (route2020.core.cache); off with PAGE_CACHE=0.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Registrations for an event that ended this many days ago lose the person's name, address
# and organisation (anonymise_registrations, daily); the counts stay.
EVENTS_ANONYMISE_AFTER_DAYS = int(os.environ.get("EVENTS_ANONYMISE_AFTER_DAYS", "365"))
# Our own statistics (route2020.stats); off with STATS=0.
STATS_ENABLED = env_bool("STATS", True)
# After a practice is published, a task computes the common listings' facet counts.
PRACTICES_WARM_LISTING = True
# ... and ranks again this many of the searches asked before (the most recently and most
# often asked; 0: none).
PRACTICES_WARM_SEARCHES = 10

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked-out account or client before a password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Django's rules with the site's own Dutch texts (route2020/core/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "route2020.core.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "route2020.core.passwords.MinimumLengthValidator"},
    {"NAME": "route2020.core.passwords.CommonPasswordValidator"},
    {"NAME": "route2020.core.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/account/profiel/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "route2020.core.forms.SignupForm"
ACCOUNT_ADAPTER = "route2020.core.accounts.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Route 2020] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("SITE_PROTOCOL", "https" if not DEBUG else "http")
# Behind a reverse proxy: how many proxies to trust for the client address (rate limits).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# The public API (/api/v1/): answers it has to compute, per client address; empty: no limit.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m")
# Limits of the site's forms (route2020.core.ratelimit.DEFAULT_LIMITS), e.g.
# RATE_LIMITS="search=120/m,tip=" (empty: that limit off).
RATE_LIMITS = dict(
    item.strip().split("=", 1)
    for item in os.environ.get("RATE_LIMITS", "").split(",")
    if "=" in item
)
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
# Signing up or resetting a password answers the same whether or not the address has an
# account (the owner of the address gets a mail saying so); see core.signup.AccountSignupForm.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_FORMS = {"signup": "route2020.core.signup.AccountSignupForm"}

# Lockout after repeated failed sign-ins (django-axes), per account and per client address
# separately, for the one sign-in path (/beheer/login/ leads to /account/login/). A new
# password through the reset mail unlocks the account at once (core.auth).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "route2020.core.auth.lockout_username"
AXES_CLIENT_IP_CALLABLE = "route2020.core.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "route2020.core.auth.lockout_response"
# A success does not wipe the failures: that would let an attacker reset the count of a
# client address by signing in to an account of their own now and then.
AXES_RESET_ON_SUCCESS = False
# No log of every successful sign-in (address and browser of each person): not needed.
AXES_DISABLE_ACCESS_LOG = True

# Two-step sign-in (allauth MFA): an authenticator app (TOTP) and recovery codes, for
# everyone from the profile; required for redactie, beheerders and regiogidsen before they
# reach /beheer/ or the moderation pages (core.auth.StaffMfaMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Route 2020"
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)

# Language: Dutch without prefix, English under /en/. Source strings are Dutch (the product's
# language); locale/en holds the English catalogue.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Object storage (S3-compatible: AWS, MinIO, Ceph, ...) for uploads when S3_BUCKET is set,
# through django-storages (install route2020[s3]); S3_STATIC=1 puts the static files there too.
# Local files stay the default.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    S3_OPTIONS = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
        # Objects get no ACL of their own: the bucket's policy decides (docs/deploy.md).
        "default_acl": None,
        "file_overwrite": False,
        # Page HTML is cached; links to images must not expire with a signature.
        "querystring_auth": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": "media"},
    }
    if env_bool("S3_STATIC", False):
        STORAGES["staticfiles"] = {
            "BACKEND": "storages.backends.s3.S3ManifestStaticStorage",
            "OPTIONS": {**S3_OPTIONS, "location": "static"},
        }
    # Documents are streamed through Wagtail's view, which checks view restrictions; they
    # never get a public address in the bucket.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail: console in development; SMTP as soon as EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Route 2020 <route2020@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The office's address for questions: the first set-up (and the demo) puts it in the site
# settings, which the footer and the accessibility statement show; editors change it there.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "route2020@route2020.example")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    # A mail server that stops answering must not hold a task worker for ever.
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background work: django-tasks, run by `manage.py task_worker` (route2020.operations), which
# puts back the tasks of a worker that died. TASK_BACKEND=database (default) keeps the queue
# in the database; TASK_BACKEND=rq keeps it in Redis (RQ) at TASK_REDIS_URL, by default
# REDIS_URL (give the queue a Redis that never evicts: docs/deploy.md).
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database")
TASK_REDIS_URL = os.environ.get("TASK_REDIS_URL") or REDIS_URL
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "rq":
    if not TASK_REDIS_URL:
        raise ImproperlyConfigured("TASK_BACKEND=rq heeft TASK_REDIS_URL of REDIS_URL nodig.")
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": TASK_REDIS_URL, "DEFAULT_TIMEOUT": 60 * 60}}
else:
    raise ImproperlyConfigured("TASK_BACKEND is database of rq.")
# A worker writes a heartbeat this often; one silent for TASK_WORKER_DEAD_AFTER seconds counts
# as dead and its running tasks are put back in the queue (at once for a worker on the same
# machine whose process is gone).
TASK_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("TASK_WORKER_HEARTBEAT_SECONDS", "10"))
TASK_WORKER_DEAD_AFTER = int(os.environ.get("TASK_WORKER_DEAD_AFTER", "60"))

WAGTAIL_SITE_NAME = "Route 2020"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
# Search: Wagtail's database backend (PostgreSQL full text, Dutch stemming) by default;
# SEARCH_BACKEND=opensearch with OPENSEARCH_URL for large installations.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "dutch",
        }
    }
elif SEARCH_BACKEND == "opensearch":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # opensearch2 for an OpenSearch 2.x cluster; install the extra route2020[opensearch].
            "BACKEND": "wagtail.search.backends."
            + os.environ.get("OPENSEARCH_BACKEND", "opensearch3"),
            "URLS": env_list("OPENSEARCH_URL", "http://127.0.0.1:9200"),
            "INDEX_PREFIX": os.environ.get("OPENSEARCH_INDEX_PREFIX", "route2020_"),
            "TIMEOUT": int(os.environ.get("OPENSEARCH_TIMEOUT", "5")),
            # Dutch stemming for every text field, as the database backend's "dutch" config.
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": "dutch"}}}}
            },
        }
    }
else:
    raise ImproperlyConfigured("SEARCH_BACKEND is database of opensearch.")
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "csv",
    "txt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always streamed by Django after the access check (route2020/files/access.py),
# never by redirecting to the storage's URL; /media/documents/ is not served.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads are checked by content, images written again without metadata (files/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "route2020.files.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "route2020.files.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# 16 megapixels (e.g. 4900 × 3260): more than a phone camera's 12 Mpx photos and many times the
# largest rendition the site shows (800 px wide; 1600 for sharp screens), while one upload costs
# ~60 MB and its first rendition ~120 MB (at 40 Mpx: ~150 and ~300 MB). The pixels are read
# from the header before anything is decoded (files/uploads.py), so a decompression bomb is
# refused at no cost.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 16_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: that is a request to a third party with a hash of each
# editor's e-mail address. Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_LOGIN_URL = "/account/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"

# Content-Security-Policy (django-csp 4; route2020.core.csp): no inline script, no eval, no
# other host on the public site; the CMS at /beheer/ gets the looser policy below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail's admin sets inline styles and runs a few inline scripts.
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        # The live preview frames the site itself.
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    }
}

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, a mailto: or https:
# address. Required in production (check --deploy warns without it).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")
# Until when that file holds (ISO 8601); by default 180 days from the day it is served.
SECURITY_TXT_EXPIRES = (
    datetime.fromisoformat(os.environ["SECURITY_TXT_EXPIRES"])
    if os.environ.get("SECURITY_TXT_EXPIRES")
    else None
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A cached page's form posted without its token (no JavaScript) is shown again, not refused.
CSRF_FAILURE_VIEW = "route2020.core.csrf.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logs go to standard output (systemd's journal, a container's log). LOG_FORMAT=json writes
# one JSON object per line with the request id (the default in production); text is for
# people reading a terminal. Only what fails is logged (LOG_LEVEL=INFO for more); the level is
# on the handler too: the task worker sets its own loggers to INFO (two lines per task).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "route2020.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "route2020.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
            "level": LOG_LEVEL,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # runserver logs every request at INFO; failed requests are warnings and errors.
        "django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
