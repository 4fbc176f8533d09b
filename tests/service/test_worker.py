"""Assure in service: `assure serve` starts gunicorn and a task worker; a load queued through
the web is done by the worker; a worker killed during a load leaves it failed, the store
unchanged, and the load can be tried again; a web worker recycled leaves the task worker be;
one signal stops the lot."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx
import pytest

from tests.service.instance import Instance, csrf, wait_for

pytestmark = pytest.mark.service

FIGURES = (
    "from assure.performance.models import Observation\n"
    "print(Observation.objects.filter(indicator__partnership__slug='testbay').count())"
)


def upload(client: httpx.Client, files: list[Path]) -> str:
    token = csrf(client, "/p/testbay/data/upload/")
    sent = [("files", (path.name, path.read_bytes(), "application/octet-stream")) for path in files]
    response = client.post(
        "/p/testbay/data/upload/", data={"csrfmiddlewaretoken": token, "year": ""}, files=sent
    )
    assert response.status_code == 302, response.text[:2000]
    return response.headers["location"]


def status(client: httpx.Client, page: str) -> dict:
    return client.get(f"{page}status/").json()


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc: each stat's fourth field)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # it ended while we looked
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def snapshots(instance: Instance) -> list[str]:
    return sorted(p.name for p in (instance.data / "snapshots").glob("*/*") if p.is_dir())


def test_a_load_queued_through_the_web_is_done_by_the_worker_of_assure_serve(
    instance: Instance, returns: list[Path]
):
    server = instance.serve()
    assert instance.health() == (
        200,
        {"status": "ok", "checks": {"database": "ok", "store": "ok", "worker": "ok"}},
    )
    client = instance.signed_in()
    page = upload(client, returns)
    done = wait_for(lambda: (s := status(client, page))["finished"] and s, 180, "the load")
    assert done["status"] == "accepted", instance.log()
    assert "Loaded" in client.get(page).text
    assert int(instance.python(FIGURES)) > 0
    worker = instance.worker_pids()
    assert len(worker) == 1

    os.killpg(server.pid, signal.SIGINT)  # Ctrl-C in the terminal of `make run`
    assert server.wait(timeout=60) == 0
    with pytest.raises(ProcessLookupError):
        wait_for(lambda: os.kill(worker[0], 0), 30, "the worker to stop")


def test_a_worker_killed_during_a_load_leaves_it_failed_with_nothing_kept_and_it_can_be_retried(
    instance: Instance, returns_by_year: list[list[Path]]
):
    instance.serve()
    client = instance.signed_in()
    # The worker is stopped as soon as the load is seen running, then killed only if it is
    # still running (a small year can finish first: then the next year is tried).
    for files in returns_by_year:
        kept, figures = snapshots(instance), int(instance.python(FIGURES))
        page = upload(client, files)
        wait_for(lambda p=page: status(client, p)["status"] == "running", 60, "the load to start")
        (victim,) = instance.worker_pids()
        os.kill(victim, signal.SIGSTOP)
        if status(client, page)["status"] == "running":
            os.kill(victim, signal.SIGKILL)
            break
        os.kill(victim, signal.SIGCONT)
    else:
        raise AssertionError("every load finished before its worker could be stopped")

    failed = wait_for(lambda: (s := status(client, page))["finished"] and s, 60, "the verdict")
    assert failed["status"] == "failed"
    shown = client.get(page).text
    assert "The worker stopped before this load finished" in shown and "Nothing was kept" in shown
    assert snapshots(instance) == kept and int(instance.python(FIGURES)) == figures
    assert victim not in instance.worker_pids()  # `assure serve` started another worker

    token = csrf(client, page)
    assert client.post(f"{page}retry/", data={"csrfmiddlewaretoken": token}).status_code == 302
    done = wait_for(lambda: (s := status(client, page))["finished"] and s, 180, "the retry")
    assert done["status"] == "accepted", instance.log()
    assert len(snapshots(instance)) == len(kept) + 1
    assert int(instance.python(FIGURES)) > figures


def test_a_web_worker_recycled_leaves_the_task_worker_running(instance: Instance):
    """gunicorn ends a web worker that has served its max_requests and starts another; the web
    workers are forks of `assure serve`, and one leaving must not take the task worker with it
    (it used to stop it, and then hang until gunicorn killed it two minutes later)."""
    server = instance.serve()
    (worker,) = instance.worker_pids()
    (web,) = children(server.pid) - {worker}
    os.kill(web, signal.SIGTERM)  # as gunicorn ends a worker at its max_requests
    wait_for(lambda: web not in children(server.pid), 15, "the web worker to leave")
    wait_for(lambda: len(children(server.pid)) == 2, 30, "another web worker")
    assert worker in children(server.pid)
    assert instance.health() == (
        200,
        {"status": "ok", "checks": {"database": "ok", "store": "ok", "worker": "ok"}},
    )
    assert instance.worker_pids() == [worker]


def test_the_web_workers_are_forked_with_no_database_connection_open(instance: Instance):
    """`assure serve` migrates before it starts gunicorn, whose web workers are forks of it:
    a connection left open then would be shared by them all, one database session carrying
    the queries and transactions of several requests at once."""
    server = instance.serve()
    assert instance.health()[0] == 200  # a web worker has used the database
    assert instance.database_handles(server.pid) == []
