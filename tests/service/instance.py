"""A whole Assure instance in processes of its own, for the tests of running in service: its
own var folder and database (a SQLite file, or a new PostgreSQL database when the suite runs
on PostgreSQL), the real `assure` commands, and an HTTP client signed in through the real
sign-in form."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psycopg
from django.conf import settings
from django.db import connection

PASSWORD = "Service-test-2026"  # noqa: S105 - a test instance's user
SEED = f"""
from django.contrib.auth import get_user_model
from assure.core.models import Membership, Partnership, Role
torbay = Partnership.objects.create(slug="testbay", name="Testbay", la_code="880", la_name="Torbay")
user = get_user_model().objects.create_user("analyst", password="{PASSWORD}")
Membership.objects.create(user=user, partnership=torbay, role=Role.ANALYST)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Template:
    """One migrated, empty database per test session; each instance starts from a copy
    (migrating from nothing takes seconds)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.postgres = connection.vendor == "postgresql"
        params = settings.DATABASES["default"]
        self.server = f"{params['USER']}@{params['HOST']}:{params['PORT']}"
        self.name = f"assure_tmpl_{uuid.uuid4().hex[:10]}"
        self.url = self._new(self.name) if self.postgres else f"sqlite:///{root / 'template.db'}"
        done = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "assure.cli", "manage", "migrate", "--verbosity", "0"],
            env={**_clean_env(), "ASSURE_DATABASE_URL": self.url, "ASSURE_VAR_DIR": str(root)},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(f"postgresql://{self.server}/postgres", autocommit=True)

    def _new(self, name: str, template: str = "template0") -> str:
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return f"postgres://{self.server}/{name}"

    def copy(self, folder: Path) -> tuple[str, Callable[[], None]]:
        if not self.postgres:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(self.root / "template.db", folder / "assure.sqlite3")
            return f"sqlite:///{folder / 'assure.sqlite3'}", lambda: None
        name = f"assure_service_{uuid.uuid4().hex[:10]}"
        url = self._new(name, self.name)
        return url, lambda: self.drop(name)

    def drop(self, name: str | None = None) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name or self.name}" WITH (FORCE)')


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "ASSURE_DATA"))}


class Instance:
    def __init__(self, root: Path, template: Template, **env: str) -> None:
        self.root = root
        self.data = root / "var"
        url, self._drop = template.copy(self.data)
        self.env = {
            **_clean_env(),
            "ASSURE_VAR_DIR": str(self.data),
            "ASSURE_DATABASE_URL": url,
            "ASSURE_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "ASSURE_WEB_WORKERS": "1",
            "ASSURE_REMIND_AT": "off",
            "ASSURE_SECOND_FACTOR": "optional",  # the demo's personas sign in with a password
            "ASSURE_PSEUDONYM_KEY": "service-tests",
            "ASSURE_CACHE_DIR": os.environ.get("ASSURE_CACHE_DIR", ""),
            **env,
        }
        self.env = {k: v for k, v in self.env.items() if v != ""}
        self.processes: list[subprocess.Popen[bytes]] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "assure.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=600,
        )

    def python(self, code: str) -> str:
        """Run Django code in this instance; what it prints comes back."""
        script = "import django\ndjango.setup()\n" + code
        done = subprocess.run(  # noqa: S603 - our own code
            [sys.executable, "-c", script],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "assure.settings"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        log = (self.root / f"{args[0]}-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-m", "assure.cli", *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def serve(self) -> subprocess.Popen[bytes]:
        """`assure serve` as `make run` starts it: gunicorn and a supervised worker."""
        process = self.start("serve", f"127.0.0.1:{self.port}")
        wait_for(lambda: self.health()[0] == 200, 120, "the server and its worker to be up")
        return process

    def health(self) -> tuple[int, dict[str, Any]]:
        try:
            response = httpx.get(f"{self.url}/healthz", timeout=5)
        except httpx.HTTPError:
            return 0, {}
        return response.status_code, response.json()

    def signed_in(self, username: str = "analyst") -> httpx.Client:
        client = httpx.Client(base_url=self.url, timeout=60)
        page = client.get("/accounts/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the sign-in page"
        done = client.post(
            "/accounts/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
        )
        assert done.status_code == 302, f"sign-in failed: {done.status_code}"
        return client

    def database_handles(self, pid: int) -> list[str]:
        """What process `pid` holds open of this instance's database: the SQLite file (and its
        write-ahead log), or connections to the PostgreSQL server's port."""
        port = int(settings.DATABASES["default"].get("PORT") or 5432)
        to_server = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[2].rsplit(":", 1)[1], 16) == port:  # the remote address
                    to_server.add(f"socket:[{fields[9]}]")
        found = []
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue  # closed while we looked
            if target.startswith(str(self.data / "assure.sqlite3")) or target in to_server:
                found.append(target)
        return found

    def worker_pids(self) -> list[int]:
        out = self.python(
            "from assure.service.models import WorkerBeat\n"
            "print(*WorkerBeat.objects.values_list('pid', flat=True))"
        )
        return [int(pid) for pid in out.split()]

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C: a quick stop
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self._drop()

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in self.root.glob("*.log"))


def csrf(client: httpx.Client, path: str) -> str:
    page = client.get(path).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, f"no form on {path}"
    return token[1]


def wait_for(condition: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"Waited {seconds} s for {what}")
