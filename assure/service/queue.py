"""The task queue as the rest of Assure sees it: which tasks finished badly. Tasks are
queued with django-tasks (`some_task.enqueue(...)`) and kept in the database by
django-tasks-db; `assure worker` runs them (docs/decisions/0020)."""

from __future__ import annotations

from collections.abc import Iterable

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def failed(task_ids: Iterable[str]) -> set[str]:
    """Of these tasks, the ones that failed (raised, or their worker died under them)."""
    ids = [i for i in task_ids if i]
    if not ids:
        return set()
    rows = DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.FAILED)
    return {str(pk) for pk in rows.values_list("pk", flat=True)}
