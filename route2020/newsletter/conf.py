"""The newsletter's settings (NEWSLETTER_* in the Django settings), with their defaults."""

from django.conf import settings


def setting(name, default):
    return getattr(settings, f"NEWSLETTER_{name}", default)


def batch_size():
    return setting("BATCH_SIZE", 100)


def rate_per_second():
    """Messages per second per batch task; 0 means no limit."""
    return setting("RATE_PER_SECOND", 10)


def max_attempts():
    return setting("MAX_ATTEMPTS", 3)


def lease_seconds():
    """How long a batch may stand still before recovery takes its work over."""
    return setting("LEASE_SECONDS", 600)


def retry_delay_seconds():
    return setting("RETRY_DELAY_SECONDS", 60)


def parallel_tasks():
    return setting("PARALLEL", 1)
