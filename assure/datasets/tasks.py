"""Loads and recomputing as background work, run by `assure worker`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from assure.core.models import Partnership


@task()
def run_load(load_id: int) -> str:
    """Read, validate and keep a load's files; the load's row shows the progress. If this
    fails, the row says why (and the task's record keeps the traceback for operators)."""
    from assure.datasets.services import run

    return run(load_id).status


@task()
def recompute_figures(partnership_id: int, user_id: int | None) -> int:
    from assure.datasets.services import recompute

    actor = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return recompute(actor, Partnership.objects.get(pk=partnership_id))


@task()
def purge_snapshots(days: int) -> list[str]:
    from assure.datasets.services import purge_snapshots as purge

    return purge(None, days)
