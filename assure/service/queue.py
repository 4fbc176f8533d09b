"""The task queue as the rest of Assure sees it: which tasks finished badly, and whether a
worker is taking tasks. Tasks are queued with django-tasks
(`some_task.enqueue(...)`) and kept in the database by django-tasks-db; `assure worker` runs
them (docs/decisions/0020).

This module and the service's models are beneath the apps, which read them; the rest of
`assure.service` (the worker, its daily jobs, the server, backups, /healthz) runs the apps and
sits above them (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Now
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from assure.service.models import WorkerBeat

# A worker not heard from for this long is taken for dead (a busy one still beats).
STALE_AFTER = dt.timedelta(seconds=60)


def failed(task_ids: Iterable[str]) -> set[str]:
    """Of these tasks, the ones that failed (raised, or their worker died under them)."""
    ids = [i for i in task_ids if i]
    if not ids:
        return set()
    rows = DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.FAILED)
    return {str(pk) for pk in rows.values_list("pk", flat=True)}


def lately() -> CombinedExpression:
    """Since when a worker heard from counts as alive, by the database's clock: every worker
    writes its beat by that clock (`Now()`), so no host whose own clock runs fast or slow takes
    a live worker for dead, or a dead one for alive."""
    return Now() - Value(STALE_AFTER)


def working() -> bool:
    """Whether a worker is taking tasks: one was heard from lately (`lately`), and no worker
    heard from is free while a task has waited longer than `STALE_AFTER` to be run. The
    heartbeat is a thread of its own, so a worker whose main thread is stuck (a query that
    never returns, say) still beats; a free worker takes a waiting task within seconds. A
    task waiting while every worker is busy waits its turn."""
    heard = set(
        WorkerBeat.objects.filter(seen_at__gte=lately()).values_list("worker_id", flat=True)
    )
    if not heard:
        return False
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    busy = {ids[-1] for ids in running.values_list("worker_ids", flat=True) if ids}
    if not heard - busy:
        return True
    since = lately()
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max(), enqueued_at__lt=since) | Q(run_after__lt=since)
    )
    return not waiting.exists()
