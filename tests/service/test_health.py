"""/healthz answers a monitor without signing in: 200 when the database answers, the data
folder can be written and the workers are taking tasks (one heard from in the last minute,
none stuck in a task for an hour, none free while a task has been due for five minutes); 503
naming the failing check otherwise, and nothing more.
/healthz/web answers a load balancer: the database and the data folder alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db.models.functions import Now
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assure.service.models import WorkerBeat
from tests.factories import heard_worker, queued_task
from tests.service.instance import Instance


def unwritable_data_folder(settings, tmp_path) -> Path:
    """A file where the data folder should be: nothing can be written there."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    settings.ASSURE_DATA_DIR = blocked
    return blocked


def test_health_is_ok_with_a_worker_heard_from_lately(client, db):
    heard_worker(ago=dt.timedelta(seconds=10))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "store": "ok", "worker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def worker_check(client) -> str:
    return client.get("/healthz").json()["checks"]["worker"]


def test_a_worker_that_beats_but_takes_no_task_fails_the_check(client, db):
    # Its heartbeat is a thread of its own: a worker whose main thread is stuck (a query
    # that never returns) beats on, while a task queued ten minutes ago waits.
    heard_worker(ago=dt.timedelta(seconds=10))
    ten_minutes, now = dt.timedelta(minutes=10), timezone.now()
    first = queued_task(ten_minutes)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "store": "ok", "worker": "failing"}
    # busy with that task (a long load), it is taking tasks: the next waits its turn
    DBTaskResult.objects.filter(pk=first.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=["w1"], started_at=now
    )
    second = queued_task(ten_minutes)
    assert worker_check(client) == "ok"
    # ... but not once it has been at it for over an hour: it is stuck in it
    DBTaskResult.objects.filter(pk=first.pk).update(started_at=now - dt.timedelta(minutes=61))
    assert worker_check(client) == "failing"
    # free again, with a task queued a minute ago (hosts' clocks may be that far apart), or
    # due in an hour, or queued for another backend's workers
    DBTaskResult.objects.filter(pk=first.pk).update(status=TaskResultStatus.SUCCESSFUL)
    DBTaskResult.objects.filter(pk=second.pk).update(enqueued_at=now - dt.timedelta(minutes=1))
    later = queued_task(ten_minutes, run_after=now + dt.timedelta(hours=1))
    queued_task(ten_minutes, backend_name="elsewhere")
    assert worker_check(client) == "ok"
    # ... or due ten minutes ago, and still waiting
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=now - ten_minutes)
    assert worker_check(client) == "failing"


def test_with_two_workers_the_free_one_leaving_a_task_waiting_fails_the_check(client, db):
    heard_worker(ago=dt.timedelta(seconds=10))
    heard_worker("w2")
    busy = {"status": TaskResultStatus.RUNNING, "started_at": timezone.now()}
    queued_task(dt.timedelta(minutes=20), worker_ids=["w2"], **busy)
    waiting = queued_task(dt.timedelta(minutes=10))
    assert worker_check(client) == "failing"  # w1 is free, yet the task waits
    DBTaskResult.objects.filter(pk=waiting.pk).update(worker_ids=["w1"], **busy)
    assert worker_check(client) == "ok"


def test_a_worker_is_heard_by_the_databases_clock_not_the_web_servers(client, db, monkeypatch):
    # A worker on another machine beat just now; this web server's clock runs five minutes
    # fast (or slow): its own clock would take the worker for silent (or a dead one for alive).
    WorkerBeat.objects.create(
        worker_id="w1", host="elsewhere", pid=1, started_at=Now(), seen_at=Now()
    )
    real = timezone.now

    def skewed(minutes: int) -> None:
        monkeypatch.setattr(timezone, "now", lambda: real() + dt.timedelta(minutes=minutes))

    for minutes in (5, -5):
        skewed(minutes)
        assert client.get("/healthz").json()["checks"]["worker"] == "ok"
    WorkerBeat.objects.update(seen_at=Now() - dt.timedelta(minutes=2))  # the worker died
    skewed(-5)  # by the web server's slow clock, it beat three minutes from now
    assert client.get("/healthz").json()["checks"]["worker"] == "failing"


def test_health_fails_without_a_worker_and_with_a_data_folder_that_cannot_be_written(
    client, db, settings, tmp_path
):
    heard_worker(ago=dt.timedelta(minutes=10))  # last heard from ten minutes ago
    assert client.get("/healthz").json()["checks"]["worker"] == "failing"
    blocked = unwritable_data_folder(settings, tmp_path)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "ok", "store": "failing", "worker": "failing"},
    }
    assert str(blocked) not in response.content.decode()


def test_the_load_balancers_check_asks_only_whether_the_web_can_serve(
    client, db, settings, tmp_path
):
    # the worker is down: the monitor's check fails, the site stays in rotation
    heard_worker(ago=dt.timedelta(minutes=10))
    assert client.get("/healthz").status_code == 503
    response = client.get("/healthz/web")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "store": "ok"}}
    assert "no-cache" in response["Cache-Control"]
    blocked = unwritable_data_folder(settings, tmp_path)
    response = client.get("/healthz/web")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "ok", "store": "failing"},
    }
    assert str(blocked) not in response.content.decode()


def test_health_fails_when_the_database_does_not_answer(db, tmp_path, template):
    down = Instance(tmp_path, template, ASSURE_DATABASE_URL="postgres://nobody@127.0.0.1:9/x")
    shown = down.python(
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print(r.status_code, r.json()['checks']['database'])"
    )
    assert shown.split() == ["503", "failing"]
