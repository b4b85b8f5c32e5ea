"""Everything in the newsletter that writes: subscribing (`subscribing.py`) and the sending of an
issue (`sending.py`, whose docstring says why each subscriber gets an issue once). Callers
import from here: `services.subscribe(...)`, `services.start_sending(...)`.
"""

from route2020.core.ratelimit import over_limit  # noqa: F401 (also used by views and models)

from ..conf import (  # noqa: F401
    batch_size,
    lease_seconds,
    max_attempts,
    parallel_tasks,
    rate_per_second,
    retry_delay_seconds,
    setting,
)
from .sending import (  # noqa: F401
    NotPublished,
    Throttle,
    cancel_schedule,
    recover,
    run_token,
    schedule_sending,
    send_batch,
    send_test_mail,
    start_if_due,
    start_sending,
    time,
)
from .subscribing import (  # noqa: F401
    confirm,
    purge_unconfirmed,
    subscribe,
    unsubscribe,
    update_preferences,
)
