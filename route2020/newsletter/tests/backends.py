"""Mail backends for tests: one that fails on purpose, one that logs to a file across processes."""

import os
import signal

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    """Fails for addresses in `failing` as many times as `failures_left` says."""

    failing = set()
    failures_left = {}

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            if address in self.failing and self.failures_left.get(address, 0) != 0:
                self.failures_left[address] -= 1
                raise ConnectionError("550 mailbox niet beschikbaar")
        return super().send_messages(messages)


class FileLogBackend(BaseEmailBackend):
    """Appends one line per message to NEWSLETTER_TEST_MAIL_LOG, flushed to disk at once.

    With NEWSLETTER_TEST_HANG_AT=n the worker hangs while handing over the n-th message
    (before it is "delivered"), like a stalled mail server: the test kills it there.
    """

    def send_messages(self, messages):
        path = os.environ["NEWSLETTER_TEST_MAIL_LOG"]
        hang_at = int(os.environ.get("NEWSLETTER_TEST_HANG_AT", "0"))
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
