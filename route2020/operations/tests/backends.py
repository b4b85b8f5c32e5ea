"""A mail backend for a real worker process that a test kills."""

import os
import signal

from django.core.mail.backends.base import BaseEmailBackend


class FileLogBackend(BaseEmailBackend):
    """Appends one line per message to WORKER_TEST_MAIL_LOG, flushed to disk at once.

    With WORKER_TEST_HANG_AT=n the worker hangs while handing over the n-th message (before
    it is "delivered"), like a stalled mail server: the test kills it there.
    """

    def send_messages(self, messages):
        path = os.environ["WORKER_TEST_MAIL_LOG"]
        hang_at = int(os.environ.get("WORKER_TEST_HANG_AT", "0"))
        for message in messages:
            if hang_at:
                with open(path, "rb") as log:
                    delivered = sum(1 for _ in log)
                if delivered + 1 == hang_at:
                    with open(path + ".hanging", "w") as flag:
                        flag.write(message.to[0])
                    os.kill(os.getpid(), signal.SIGSTOP)  # stalled until killed
            with open(path, "a") as log:
                log.write(f"{message.to[0]} {message.extra_headers.get('Message-ID')}\n")
                log.flush()
                os.fsync(log.fileno())
        return len(messages)
