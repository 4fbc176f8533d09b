"""/healthz answers a monitor without signing in: 200 when the database answers, the data
folder can be written and a worker was heard from in the last minute; 503 naming the failing
check otherwise, and nothing more. /healthz/web answers a load balancer: the database and
the data folder alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db.models.functions import Now
from django.utils import timezone

from assure.service.models import WorkerBeat
from tests.service.instance import Instance


def beat(seconds_ago: int) -> None:
    seen = timezone.now() - dt.timedelta(seconds=seconds_ago)
    WorkerBeat.objects.create(
        worker_id="w1", host="elsewhere", pid=1, started_at=seen, seen_at=seen
    )


def unwritable_data_folder(settings, tmp_path) -> Path:
    """A file where the data folder should be: nothing can be written there."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    settings.ASSURE_DATA_DIR = blocked
    return blocked


def test_health_is_ok_with_a_worker_heard_from_lately(client, db):
    beat(10)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "store": "ok", "worker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


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
    beat(600)  # a worker last heard from ten minutes ago
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
    beat(600)  # the worker is down: the monitor's check fails, the site stays in rotation
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
