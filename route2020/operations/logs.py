"""Logs as one JSON object per line, each with the id of the request (or task) it belongs to.

No IP address or user agent is written (docs/privacy.md); the request id links a line to the
access log of the proxy in front when that sets X-Request-ID.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

request_id = contextvars.ContextVar("route2020_request_id", default="")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        from .once import current_task_id

        record.request_id = request_id.get() or current_task_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
