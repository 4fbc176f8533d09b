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
# The backend whose tasks the workers take (`assure worker`).
BACKEND = "default"
# A task due this long, with a worker heard from free to take it, shows that worker stuck:
# a free worker looks every second (`assure worker --interval`, which must stay well under
# this). Minutes, so that hosts' clocks a little apart (a task's time is its queuer's) do
# not make a task just queued look overdue.
WAITING_AFTER = dt.timedelta(minutes=5)
# A task running this long shows its worker stuck in it: the longest, England's returns
# loaded at once, take about a minute.
LONGEST_TASK = dt.timedelta(hours=1)


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


def runner(worker_ids: list[str]) -> str:
    """The worker running a task: the last to claim it ("" for none)."""
    return worker_ids[-1] if worker_ids else ""


def working() -> bool:
    """Whether the workers are taking tasks: one was heard from lately (`lately`), none heard
    from has been running one task for `LONGEST_TASK`, and none is free while a task has been
    due for `WAITING_AFTER`. A worker's heartbeat is a thread of its own, so a worker whose
    main thread is stuck (a query that never returns, say) beats on: it is caught by the
    task it is stuck in, or by the tasks it leaves waiting. A task waiting while every worker
    is busy waits its turn."""
    heard = set(
        WorkerBeat.objects.filter(seen_at__gte=lately()).values_list("worker_id", flat=True)
    )
    if not heard:
        return False
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, backend_name=BACKEND)
    stuck = running.filter(started_at__lt=Now() - Value(LONGEST_TASK))
    if heard & {runner(ids) for ids in stuck.values_list("worker_ids", flat=True)}:
        return False
    since = Now() - Value(WAITING_AFTER)
    waiting = DBTaskResult.objects.ready().filter(
        Q(run_after=get_date_max(), enqueued_at__lt=since) | Q(run_after__lt=since),
        backend_name=BACKEND,
    )
    if not waiting.exists():
        return True
    return heard <= {runner(ids) for ids in running.values_list("worker_ids", flat=True)}
