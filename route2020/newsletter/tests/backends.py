"""A mail backend for tests that fails on purpose."""

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
