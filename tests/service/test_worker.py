"""Assure in service: `assure serve` starts gunicorn and a task worker; a load queued through
the web is done by the worker; a worker killed during a load leaves it failed, the store
unchanged, and the load can be tried again, as can one stopped with `assure serve`; a web
worker recycled leaves the task worker be, and none shares the server's database connection;
one signal stops the lot."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

from tests.service.instance import Instance, csrf, wait_for

pytestmark = pytest.mark.service
T = TypeVar("T")

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


def pending(pid: int, number: int) -> bool:
    """Whether signal `number` waits to be handled by process `pid` (stopped, say)."""
    status = Path(f"/proc/{pid}/status").read_text()
    mask = int(re.search(r"^ShdPnd:\s*([0-9a-f]+)", status, re.M)[1], 16)
    return bool(mask & (1 << (number - 1)))


def running_load(
    instance: Instance, client: httpx.Client, years: list[list[Path]], before: Callable[[], T]
) -> tuple[str, int, T]:
    """A load caught running, its worker stopped (SIGSTOP) so it stays so (a small year can
    finish first: then the next year is tried): the load's page, the worker, and what
    `before()` found just before that load was uploaded."""
    (worker,) = instance.worker_pids()  # asked first: the asking takes a second or two
    for files in years:
        found = before()
        page = upload(client, files)
        wait_for(lambda p=page: status(client, p)["status"] == "running", 60, "the load to start")
        os.kill(worker, signal.SIGSTOP)
        if status(client, page)["status"] == "running":
            return page, worker, found
        os.kill(worker, signal.SIGCONT)
    raise AssertionError("every load finished before its worker could be stopped")


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
    page, victim, (kept, figures) = running_load(
        instance,
        client,
        returns_by_year,
        lambda: (snapshots(instance), int(instance.python(FIGURES))),
    )
    os.kill(victim, signal.SIGKILL)

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


def test_a_load_stopped_with_assure_serve_is_tried_again_once_it_is_started_again(
    instance: Instance, returns_by_year: list[list[Path]]
):
    """Ctrl-C during a load: the worker is told twice (by the terminal, then by `assure
    serve` as it stops), and the second time it leaves the load mid-way. The uploaded files
    must stay, so that the load can be tried again when Assure is started again."""
    server = instance.serve()
    client = instance.signed_in()
    page, worker, kept = running_load(
        instance, client, returns_by_year, lambda: snapshots(instance)
    )
    os.killpg(server.pid, signal.SIGINT)  # Ctrl-C in the terminal of `make run`
    wait_for(lambda: pending(worker, signal.SIGTERM), 30, "assure serve to stop its worker")
    os.kill(worker, signal.SIGCONT)  # it reads both signals now, in turn
    assert server.wait(timeout=60) == 0

    instance.serve()
    failed = wait_for(lambda: (s := status(client, page))["finished"] and s, 60, "the verdict")
    assert failed["status"] == "failed"
    assert "The worker stopped before this load finished" in client.get(page).text
    assert snapshots(instance) == kept

    token = csrf(client, page)
    assert client.post(f"{page}retry/", data={"csrfmiddlewaretoken": token}).status_code == 302
    done = wait_for(lambda: (s := status(client, page))["finished"] and s, 180, "the retry")
    assert done["status"] == "accepted", client.get(page).text[-3000:]
    assert len(snapshots(instance)) == len(kept) + 1


def test_a_stop_sent_to_every_process_starts_no_other_worker(instance: Instance):
    """systemd stops a unit by sending SIGTERM to every process in it: the idle task worker
    ends at once, while gunicorn lets a request in flight finish. No other worker may be
    started meanwhile (it could take a queued load, only to be stopped under it)."""
    server = instance.serve()
    sent = threading.Event()

    def slowly():  # a form sent over four seconds
        for number in range(8):
            if number == 1:
                sent.set()  # the request is in flight
            yield b"part=1&"
            time.sleep(0.5)

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    sending = threading.Thread(
        target=lambda: httpx.post(f"{instance.url}/accounts/login/", content=slowly(), headers=form)
    )
    sending.start()
    assert sent.wait(30)
    os.killpg(server.pid, signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    sending.join()
    assert "The task worker stopped" not in instance.log()
