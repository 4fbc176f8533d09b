"""Sign-in throttling. Five failures from one address lock that user name from that address
for an hour (django-axes, settings.AXES_*), so a stranger elsewhere cannot lock the name's
owner out. Failures to one name from everywhere only slow it down: past
`ASSURE_SLOWDOWN_AFTER` failures in an hour, each attempt on the name waits twice as long as
the last after the latest failure, up to a minute; so guessing from many addresses gets at
most one try a minute, and the owner at worst waits a minute.
"""

from __future__ import annotations

import datetime as dt
import math

from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone

WINDOW = dt.timedelta(hours=1)
LONGEST_WAIT = 60  # seconds


def seconds_to_wait(username: str, now: dt.datetime | None = None) -> int:
    """How long an attempt on `username` must wait: 0 when it may go ahead."""
    now = now or timezone.now()
    failures = AccessFailureLog.objects.filter(username=username, attempt_time__gte=now - WINDOW)
    over = failures.count() - settings.ASSURE_SLOWDOWN_AFTER
    if over < 0:
        return 0
    latest = failures.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    wait = min(2**over, LONGEST_WAIT) - (now - latest).total_seconds()
    return max(0, math.ceil(wait))
