"""gunicorn's settings in production (docs/deploy.md):

    gunicorn -c python:route2020.settings.gunicorn route2020.wsgi

Each value can be set from the environment. Logs go to standard output as JSON lines, like
Django's (LOG_FORMAT); the access log names the request id that Django's lines carry and no
client address.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# A worker is replaced after this many requests: memory a long run collects is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The proxy in front sets X-Forwarded-Proto; only its address is believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
if os.environ.get("LOG_FORMAT", "json") == "json":
    # The path without the query string; no client address (docs/privacy.md).
    access_log_format = (
        '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", '
        '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", '
        '"duration_ms": %(M)s}'
    )
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "route2020.operations.logs.JsonFormatter"},
            "access": {"format": "%(message)s"},
        },
        "filters": {"request_id": {"()": "route2020.operations.logs.RequestIdFilter"}},
        "handlers": {
            "error": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stdout",
            },
        },
        # gunicorn merges this over its own defaults, whose root logger names a handler of
        # theirs: the root is given here too.
        "root": {"handlers": ["error"], "level": loglevel.upper()},
        "loggers": {
            "gunicorn.error": {
                "handlers": ["error"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
