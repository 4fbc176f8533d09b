"""The worker's own chores: the daily reminders queued once a day at their time however many
workers look, and the tasks (and loads) of a worker that died failed so nobody waits."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assure.datasets.models import ABANDONED, Load
from assure.service import schedule, worker
from assure.service.models import ScheduledRun, WorkerBeat


def at(hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 12, 3, hour, minute))


def test_the_reminders_are_queued_once_a_day_from_their_time(db, queued):
    assert schedule.queue_due(at(6, 59)) == []
    assert schedule.queue_due(at(7, 0)) == ["remind"]
    assert (
        schedule.queue_due(
            at(
                7,
                0,
            )
        )
        == []
    )  # a second worker looking at the same time
    assert schedule.queue_due(at(15, 30)) == []
    (run,) = ScheduledRun.objects.all()
    task = DBTaskResult.objects.get(pk=run.task_id)
    assert task.task_path == "assure.reminders.tasks.send_reminders"
    assert task.args_kwargs["args"] == ["2026-12-03"]


def test_reminders_can_be_turned_off(db, queued, settings):
    settings.ASSURE_REMIND_AT = "off"
    assert schedule.queue_due(at(23, 0)) == []


def test_the_task_and_load_of_a_worker_that_died_are_failed_and_the_load_can_be_retried(
    queued, partnership, tmp_path
):
    now = timezone.now()
    WorkerBeat.objects.create(
        worker_id="gone", host=worker.HOST, pid=2**22 + 7, started_at=now, seen_at=now
    )
    WorkerBeat.objects.create(worker_id="busy", host="other", pid=1, started_at=now, seen_at=now)
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    loads = []
    for who in ["gone", "busy"]:
        task = DBTaskResult.objects.create(
            status=TaskResultStatus.RUNNING,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="assure.datasets.tasks.run_load",
            worker_ids=[who],
            backend_name="default",
            run_after=now,
        )
        loads.append(
            Load.objects.create(
                partnership=partnership,
                status=Load.Status.RUNNING,
                task_id=str(task.pk),
                folder=str(uploads),
            )
        )

    assert worker.fail_abandoned() == 1
    dead, alive = (Load.objects.get(pk=load.pk) for load in loads)
    assert dead.status == Load.Status.FAILED and dead.error == ABANDONED and dead.can_retry
    assert alive.status == Load.Status.RUNNING
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["busy"]


def test_the_snapshot_retention_runs_nightly_only_when_set(db, queued, settings):
    settings.ASSURE_SNAPSHOT_RETENTION_DAYS = ""
    assert "purge snapshots" not in schedule.queue_due(at(3, 0))
    settings.ASSURE_SNAPSHOT_RETENTION_DAYS = "730"
    assert schedule.queue_due(at(1, 59)) == []
    assert schedule.queue_due(at(2, 0)) == ["purge snapshots"]
    task = DBTaskResult.objects.get(pk=ScheduledRun.objects.get(job="purge snapshots").task_id)
    assert task.task_path == "assure.datasets.tasks.purge_snapshots"
    assert task.args_kwargs["args"] == [730]
