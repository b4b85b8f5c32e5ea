"""Settings for a real `db_worker` process started by test_worker_kill.py."""

import os

import dj_database_url

from route2020.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["NEWSLETTER_TEST_DATABASE_URL"])}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "route2020.newsletter.tests.backends.FileLogBackend"
SITE_URL = "http://testserver"
NEWSLETTER_RATE_PER_SECOND = 0
NEWSLETTER_RETRY_DELAY_SECONDS = 0
NEWSLETTER_BATCH_SIZE = 5
