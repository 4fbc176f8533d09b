"""`assure worker`: one task worker, and beside it a heartbeat.

The worker is django-tasks-db's: it takes the next queued task from the database and runs
it. The heartbeat is a thread of the same process that, every few seconds,
- says this worker is alive (its `WorkerBeat` row), so /healthz can tell a worker runs and a
  worker busy with a long load still counts as alive;
- fails the tasks of workers that died under them (killed, out of memory, the machine
  restarted) and what those tasks were doing (a load is marked failed and can be retried);
- queues the daily jobs whose time has come, once a day however many workers run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import socket
import sys
import threading
import uuid
from collections.abc import Callable
from types import FrameType

import pyarrow
from django.db import close_old_connections, connections
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from assure.service import queue, schedule
from assure.service.models import WorkerBeat

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5.0
HOST = socket.gethostname()[:255]


class StoppingWorker(Worker):
    """django-tasks-db's worker, but told a second time to stop during a task (Ctrl-C, then
    `assure serve` stopping it) it stops at once, as if killed: the next worker's heartbeat
    fails the task and what it was doing, and a load keeps its uploaded files to be tried
    again. Its own way raised SystemExit inside the task, which the task could not tell from
    an error: inside DuckDB it came out as DuckDB's own error, and the load was failed as
    broken, its files deleted, with nothing to try again. Told once, it finishes the task."""

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if not self.running and self.running_task:
            logger.warning(
                "Received %s - stopping now; the task will be failed and can be tried again.",
                signal.strsignal(signum),
            )
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1)
        super().shutdown(signum, frame)

    def configure_signals(self) -> None:
        # Arrow, reading a CSV file while a stop comes, takes it for itself and cancels the
        # read: the load failed as broken, its files deleted, on the first stop, which is the
        # one that lets a task finish. The worker's stops are its own.
        pyarrow.enable_signal_handlers(False)
        super().configure_signals()


class WorkerStopped(Exception):
    """The worker running a task stopped before the task finished."""


def _pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _dead_workers(silence: bool) -> set[str]:
    dead: set[str] = set()
    if silence:
        dead.update(
            WorkerBeat.objects.exclude(seen_at__gte=queue.lately()).values_list(
                "worker_id", flat=True
            )
        )
    for beat in WorkerBeat.objects.filter(host=HOST):
        if _pid_gone(beat.pid):
            dead.add(beat.worker_id)
    return dead


def fail_abandoned(silence: bool = True) -> int:
    """Fail every running task whose worker died, then what those tasks were doing. A worker
    is dead when its process on this machine is gone or, with `silence`, when it has not been
    heard from lately (`queue.lately`, by the database's clock)."""
    from assure.datasets.services import fail_abandoned as fail_loads  # a follow-on, said here

    dead = _dead_workers(silence)
    known = set(WorkerBeat.objects.values_list("worker_id", flat=True))
    failed = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        last = queue.runner(result.worker_ids)
        if last in dead or last not in known:
            result.set_failed(WorkerStopped(f"The worker {last or '?'} stopped during the task."))
            failed += 1
    WorkerBeat.objects.filter(worker_id__in=dead).delete()
    fail_loads()
    return failed


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="assure-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.heard: dt.datetime | None = None  # this worker's last beat that reached the database
        self.back: dt.datetime | None = None  # when it reached it again after missing beats

    def beat(self, now: dt.datetime | None = None) -> None:
        """Say this worker is alive, by the database's clock (`queue.lately`); `now`, this
        host's clock, times its own spells without the database and the daily jobs."""
        now = now or timezone.now()
        seen = {"host": HOST, "pid": os.getpid(), "seen_at": Now()}
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults=seen,
            create_defaults={**seen, "started_at": Now()},
        )
        if self.heard is not None and now - self.heard > 3 * dt.timedelta(seconds=BEAT_SECONDS):
            self.back = now
        self.heard = now
        # Back from a spell without the database, this worker heard nobody, and nobody heard
        # the others either: their silence means nothing until they have had as long as it
        # takes to be taken for dead to be heard again (a busy worker's load would be failed,
        # and its snapshot removed, under it).
        settled = self.back is None or now - self.back >= queue.STALE_AFTER
        fail_abandoned(silence=settled)
        schedule.queue_due(timezone.localtime(now))

    def run(self) -> None:
        while not self.stopped.wait(BEAT_SECONDS):
            try:
                close_old_connections()
                self.beat()
            except Exception:  # noqa: BLE001 - a missed beat is retried; never stop beating
                logger.exception("Heartbeat of worker %s failed", self.worker_id)
        connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=BEAT_SECONDS * 2)
        WorkerBeat.objects.filter(worker_id=self.worker_id).delete()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assure worker", description="Run background tasks.")
    parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks")
    return parser


def main(argv: list[str], announce: Callable[[str], None] = print) -> int:
    args = _parser().parse_args(argv)
    worker_id = f"{HOST[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    heartbeat = Heartbeat(worker_id)
    heartbeat.beat()  # seen, and the tasks of a worker that died before us failed, first
    heartbeat.start()
    announce(f"Assure worker {worker_id} is running (Ctrl-C stops it)")
    worker = StoppingWorker(
        queue_names=["*"],
        interval=args.interval,
        batch=args.batch,
        backend_name=queue.BACKEND,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        heartbeat.stop()
    return 0
