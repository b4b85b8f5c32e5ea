"""Settings for a real `task_worker` process started by a test that kills it
(route2020.operations.tests.killing): the test's database, its queue, a mail log file."""

import os

import dj_database_url

from route2020.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["WORKER_TEST_DATABASE_URL"])}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if os.environ.get("WORKER_TEST_TASK_BACKEND") == "rq":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]  # noqa: F405
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ["WORKER_TEST_REDIS_URL"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "route2020.operations.tests.backends.FileLogBackend"
SITE_URL = "http://testserver"
NEWSLETTER_RATE_PER_SECOND = 0
NEWSLETTER_RETRY_DELAY_SECONDS = 0
NEWSLETTER_BATCH_SIZE = 5
