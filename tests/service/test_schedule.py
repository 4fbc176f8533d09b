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


def running_load(partnership, worker_id: str, since: dt.datetime, **load) -> Load:
    """A load whose task the worker `worker_id` has been running since `since`."""
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="assure.datasets.tasks.run_load",
        worker_ids=[worker_id],
        backend_name="default",
        run_after=since,
    )
    return Load.objects.create(
        partnership=partnership, status=Load.Status.RUNNING, task_id=str(task.pk), **load
    )


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
    loads = [running_load(partnership, who, now, folder=str(uploads)) for who in ["gone", "busy"]]

    assert worker.fail_abandoned() == 1
    dead, alive = (Load.objects.get(pk=load.pk) for load in loads)
    assert dead.status == Load.Status.FAILED and dead.error == ABANDONED and dead.can_retry
    assert alive.status == Load.Status.RUNNING
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["busy"]


def test_a_worker_back_from_a_spell_without_the_database_waits_before_taking_silence_for_death(
    queued, partnership
):
    """The database went away for two minutes: no worker could beat. The first back must not
    fail the tasks of the others, busy all along, before they have had time to be heard."""
    now = timezone.now()
    silent = now - dt.timedelta(seconds=120)
    WorkerBeat.objects.create(
        worker_id="busy", host="other", pid=1, started_at=silent, seen_at=silent
    )
    load = running_load(partnership, "busy", silent)
    heartbeat = worker.Heartbeat("back")
    heartbeat.heard = silent  # its own last beat before the database went away
    statuses = {}
    for seconds in range(0, 65, int(worker.BEAT_SECONDS)):  # beating again; the other silent
        heartbeat.beat(now + dt.timedelta(seconds=seconds))
        load.refresh_from_db()
        statuses[seconds] = load.status
    # ...until it has been silent for as long as a worker taken for dead, since the return
    assert {statuses[s] for s in range(0, 60, 5)} == {Load.Status.RUNNING}
    assert statuses[60] == Load.Status.FAILED and load.error == ABANDONED


def test_a_worker_beating_all_along_takes_a_minutes_silence_for_death(queued, partnership):
    now = timezone.now()
    silent = now - dt.timedelta(seconds=61)
    WorkerBeat.objects.create(
        worker_id="gone", host="other", pid=1, started_at=silent, seen_at=silent
    )
    heartbeat = worker.Heartbeat("here")
    heartbeat.heard = now - dt.timedelta(seconds=5)
    heartbeat.beat(now)
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["here"]


def test_a_worker_whose_clock_runs_fast_takes_no_live_worker_for_dead(
    queued, partnership, monkeypatch
):
    """Workers on two machines, one's clock five minutes fast: by it, the other, busy with a
    load and beating all along, was last heard five minutes ago. Both beat by the database's
    clock, so the busy one's load runs on, and the fast one is not taken for dead either."""
    busy = worker.Heartbeat("busy")
    busy.beat()
    load = running_load(partnership, "busy", timezone.now())
    real = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real() + dt.timedelta(minutes=5))
    worker.Heartbeat("fast").beat()
    monkeypatch.setattr(timezone, "now", real)
    busy.beat()
    load.refresh_from_db()
    assert load.status == Load.Status.RUNNING
    assert sorted(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["busy", "fast"]


def test_the_snapshot_retention_runs_nightly_only_when_set(db, queued, settings):
    settings.ASSURE_SNAPSHOT_RETENTION_DAYS = ""
    assert "purge snapshots" not in schedule.queue_due(at(3, 0))
    settings.ASSURE_SNAPSHOT_RETENTION_DAYS = "730"
    assert schedule.queue_due(at(1, 59)) == []
    assert schedule.queue_due(at(2, 0)) == ["purge snapshots"]
    task = DBTaskResult.objects.get(pk=ScheduledRun.objects.get(job="purge snapshots").task_id)
    assert task.task_path == "assure.datasets.tasks.purge_snapshots"
    assert task.args_kwargs["args"] == [730]
