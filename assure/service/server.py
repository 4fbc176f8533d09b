"""`assure serve`: the web server as it runs in service, with a task worker beside it.

gunicorn serves the WSGI application (docs/decisions/0020) with pre-forked worker processes
sized to the machine; whitenoise serves the static files from inside the application. A
task worker (`assure worker`) runs as a child process; one Ctrl-C (or SIGTERM) stops both.
`--dev` swaps gunicorn for Django's development server, for developers only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

# The signals that stop gunicorn (gunicorn's handle_int, handle_quit and handle_term).
STOPS = (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM)


def web_workers() -> int:
    """ASSURE_WEB_WORKERS, or two per core and one more: pages wait on the database as much
    as they compute, so a core can serve two (measured in benchmarks/web_load.py)."""
    given = os.environ.get("ASSURE_WEB_WORKERS")
    return int(given) if given else 2 * (os.cpu_count() or 1) + 1


class _Arbiter(Arbiter):
    """gunicorn's master, which also says the moment it is told to stop. A stop sent to every
    process (Ctrl-C, systemd stopping a unit) ends an idle task worker at once, and while
    gunicorn lets its requests finish the watcher must not start another."""

    stopping: threading.Event | None = None

    def signal(self, sig: int, frame: Any) -> None:
        if sig in STOPS and self.stopping is not None:
            self.stopping.set()
        super().signal(sig, frame)


class Gunicorn(BaseApplication):
    def __init__(
        self,
        address: str,
        options: dict[str, Any] | None = None,
        stopping: threading.Event | None = None,
    ) -> None:
        self.stopping = stopping
        self.options = {
            "bind": address,
            "workers": web_workers(),
            "worker_class": "sync",
            # An upload of returns can take a while to arrive; pages themselves are fast.
            "timeout": int(os.environ.get("ASSURE_WEB_TIMEOUT", "120")),
            "graceful_timeout": 20,
            "max_requests": 2000,
            "max_requests_jitter": 200,
            "forwarded_allow_ips": os.environ.get("ASSURE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
            "accesslog": os.environ.get("ASSURE_ACCESS_LOG", "-") or None,
            "errorlog": "-",
            "proc_name": "assure-web",
            **(options or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from assure.wsgi import application

        return application

    def run(self) -> None:
        """BaseApplication.run with the arbiter above."""
        arbiter = _Arbiter(self)
        arbiter.stopping = self.stopping
        try:
            arbiter.run()
        except RuntimeError as error:
            print(f"\nError: {error}\n", file=sys.stderr, flush=True)
            sys.exit(1)


class Supervised:
    """The task worker as a child process, started again if it dies (killed, out of
    memory): its first heartbeat fails what the dead one left running."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process = self._start()
        self.stopping = threading.Event()
        self.watcher = threading.Thread(target=self._watch, name="worker-watch", daemon=True)
        self.watcher.start()

    @staticmethod
    def _start() -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "assure.cli", "worker"])  # noqa: S603

    def _watch(self) -> None:
        pause = 1.0
        while True:
            started = time.monotonic()
            code = self.process.wait()
            if self.stopping.is_set():
                return
            # One that dies as it starts (the database down, say) is started again less and
            # less often, up to once a minute.
            pause = 1.0 if time.monotonic() - started > 60 else min(2 * pause, 60.0)
            print(f"The task worker stopped (exit status {code}): another in {pause:.0f} s")
            if self.stopping.wait(pause):
                return
            with self.lock:
                if self.stopping.is_set():
                    return
                self.process = self._start()

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            pass  # a replacement being started is in self.process now, and none will follow
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve(address: str, dev: bool = False, worker: bool = True) -> int:
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    # gunicorn's web workers are forks of this process: a connection left open here would be
    # one database session shared by them all.
    connections.close_all()
    supervised = Supervised() if worker else None
    kind = "the development server" if dev else f"{web_workers()} web workers"
    beside = " and a task worker" if worker else ""
    print(f"Assure is at http://{address}/ ({kind}{beside}; Ctrl-C stops it)", flush=True)
    server = os.getpid()
    try:
        if dev:
            call_command("runserver", address, use_reloader=False)
        else:
            Gunicorn(address, stopping=supervised.stopping if supervised else None).run()
    except KeyboardInterrupt:
        pass
    finally:
        # gunicorn's web workers are forks of this process, and one that leaves (recycled
        # after max_requests, or stopping) leaves through here too: only the server itself
        # stops the task worker.
        if supervised is not None and os.getpid() == server:
            supervised.stop()
    return 0
