"""The daily jobs the worker queues by itself: each at its time of day (local time), once a
day however many workers look at the clock, and on the day's first look after that time if
no worker was running at it (a service started at noon still sends that day's reminders)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from assure.service.models import ScheduledRun


@dataclass(frozen=True)
class Daily:
    job: str
    at: Callable[[], dt.time | None]
    enqueue: Callable[[dt.date], str]


def _remind_at() -> dt.time | None:
    text = settings.ASSURE_REMIND_AT.strip().lower()
    return None if text in {"", "off", "never"} else dt.time.fromisoformat(text)


def _remind(day: dt.date) -> str:
    from assure.reminders.tasks import send_reminders

    return str(send_reminders.enqueue(day.isoformat()).id)


def _purge_at() -> dt.time | None:
    return dt.time(2, 0) if settings.ASSURE_SNAPSHOT_RETENTION_DAYS.strip() else None


def _purge(day: dt.date) -> str:
    from assure.datasets.tasks import purge_snapshots

    return str(purge_snapshots.enqueue(int(settings.ASSURE_SNAPSHOT_RETENTION_DAYS)).id)


JOBS = [Daily("remind", _remind_at, _remind), Daily("purge snapshots", _purge_at, _purge)]


def queue_due(now: dt.datetime) -> list[str]:
    """Queue every daily job whose time today has come and that is not queued yet."""
    queued = []
    for job in JOBS:
        at = job.at()
        if at is not None and now.time() >= at and _queue_once(job, now.date()):
            queued.append(job.job)
    return queued


def _queue_once(job: Daily, day: dt.date) -> bool:
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.job, day=day)
            run.task_id = job.enqueue(day)
            run.save(update_fields=["task_id"])
    except IntegrityError:
        return False
    return True
