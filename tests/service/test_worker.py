"""Assure in service: `assure serve` starts gunicorn and a task worker; a load queued through
the web is done by the worker; a worker killed during a load leaves it failed, the store
unchanged, and the load can be tried again, as can one stopped with `assure serve`; a web
worker recycled leaves the task worker be, and none shares the server's database connection;
one signal stops the lot."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
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


LOAD = "from assure.datasets.models import Load\n"


def load_pk(page: str) -> int:
    return int(re.search(r"/loads/(\d+)/", page)[1])


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


# A worker stopped once during a task, here with the task reading a CSV file through Arrow,
# whose first read brings the stop: the worker is left to finish the task.
STOPPED_DURING_A_READ = """
import io, signal, sys
import django
django.setup()
import pyarrow as pa
import pyarrow.csv as pacsv
from assure.service.worker import StoppingWorker

worker = StoppingWorker(
    queue_names=["*"], interval=1.0, batch=True, backend_name="default", startup_delay=False,
    max_tasks=None, worker_id="test", excluded_queue_names=[],
)
worker.configure_signals()
worker.running_task = True  # as during a task


class Stopped(io.BytesIO):
    said = False

    def read(self, size=-1):
        if not self.said:
            self.said = True
            signal.raise_signal(int(sys.argv[1]))
        return super().read(size)


# Small blocks, one thread: Arrow looks for a stop between blocks, so it cannot miss one
# by reading the whole file at once.
blocks = pacsv.ReadOptions(block_size=1 << 14, use_threads=False)
rows = Stopped(b"a,b\\n" + b"1,2\\n" * 100_000)
table = pacsv.read_csv(pa.PythonFile(rows, mode="r"), read_options=blocks)
print(table.num_rows, worker.running)
"""


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "systemd"])
def test_one_stop_during_a_load_lets_the_worker_finish_reading_its_files(stop: signal.Signals):
    """Arrow cancels a CSV read it is doing when the process is told to stop, as if Ctrl-C
    were meant for it: in the worker, the load would fail as broken, its uploads deleted, on
    the first stop (Ctrl-C, `systemctl stop`), which is meant to let it finish."""
    done = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", STOPPED_DURING_A_READ, str(int(stop))],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "assure.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["100000", "False"]  # every row read, and the worker stops after


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
    error = instance.python(f"{LOAD}print(Load.objects.get(pk={load_pk(page)}).error)")
    assert error.startswith("The worker stopped before this load finished"), instance.log()
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
