"""Pages under load: the production server (gunicorn, as `assure serve` runs it) and, beside
it, Django's development server, on loopback with the demo partnerships.

    export ASSURE_VAR_DIR=/tmp/assure-bench && .venv/bin/assure demo --now
    .venv/bin/python benchmarks/web_load.py [--seconds 30] [--users 20] [--rate 10] [--no-dev]

For each server:
- one user: each common page requested in turn, `--single` times, one at a time: the
  latency of each page and the server's processor time per request (the server's processes
  are measured from /proc, so this is the server's own work, not the client's);
- open loop: requests sent at `--rate` a second whatever the answers (so a slow server
  builds a queue, as real visitors would), from `--users` signed-in users of mixed roles,
  for `--seconds`; latency counted from when each request was due;
- closed loop: the same users each sending the next request as soon as the last answers.
Prints throughput and p50/p95/p99 by page, and the targets: p95 at most 200 ms at 10 a
second, median server CPU per page at most 20 ms, no page over 300 ms for one user.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = os.environ.get("ASSURE_DEMO_PASSWORD", "Assure-demo-2026")
# Mixed roles, as a partnership's people use it on a Monday morning.
PERSONAS = ["torbay.manager", "torbay.owner", "torbay.analyst", "torbay.board", "torbay.auditor"]
PERSONAS += ["torbay.admin", "stockton.manager", "stockton.owner"]
PAGES = {
    "overview": "/p/{slug}/",
    "plans": "/p/{slug}/plans/",
    "plan": None,  # the partnership's first plan, found at sign-in
    "my actions": "/p/{slug}/my-actions/",
    "updates": "/p/{slug}/updates/",
    "risks": "/p/{slug}/risks/",
    "performance tables": "/p/{slug}/performance/tables/",
    "meetings": "/p/{slug}/meetings/",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tree_cpu(root: int) -> float:
    """Processor seconds used so far by a process and every process below it."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


@dataclass
class Server:
    name: str
    args: list[str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "assure.cli",
            "serve",
            *self.args,
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # the demo's personas sign in with a password alone, as `make run` lets them
            env={**os.environ, "ASSURE_ACCESS_LOG": "", "ASSURE_SECOND_FACTOR": "optional"},
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/accounts/login/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name} did not start")

    def cpu(self) -> float:
        assert self.process is not None
        return tree_cpu(self.process.pid)

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGINT)
            self.process.wait(timeout=60)


@dataclass
class Visitor:
    username: str
    client: httpx.Client
    pages: dict[str, str]


def sign_in(server: Server, username: str) -> Visitor:
    client = httpx.Client(base_url=server.url, timeout=60)
    page = client.get("/accounts/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no sign-in form"
    done = client.post(
        "/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
    )
    assert done.status_code == 302, f"{username} could not sign in ({done.status_code})"
    slug = username.split(".")[0]
    plans = client.get(f"/p/{slug}/plans/").text
    first = re.search(rf'href="(/p/{slug}/plans/\d+/)"', plans)
    pages = {}
    for name, pattern in PAGES.items():
        path = first[1] if name == "plan" and first else (pattern or "").format(slug=slug)
        if path and client.get(path).status_code == 200:  # only what this role may open
            pages[name] = path
    return Visitor(username, client, pages)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def one_user(server: Server, visitor: Visitor, repeat: int) -> dict[str, tuple[float, float]]:
    """Each page `repeat` times, one at a time: the median latency, and the server's CPU per
    request (its processor time over all `repeat` requests, divided: the kernel counts it in
    ticks of 10 ms, too coarse to read one request at a time)."""
    measured = {}
    for name, path in visitor.pages.items():
        latencies = []
        time.sleep(0.2)  # let the server's process times settle before reading them
        before = server.cpu()
        for _ in range(repeat):
            started = time.perf_counter()
            assert visitor.client.get(path).status_code == 200, path
            latencies.append(time.perf_counter() - started)
        time.sleep(0.2)
        cpu = (server.cpu() - before) / repeat
        measured[name] = (statistics.median(latencies), cpu)
    return measured


def _fetch(visitor: Visitor, name: str, due: float, results: dict, lock: threading.Lock) -> None:
    status = visitor.client.get(visitor.pages[name]).status_code
    took = time.perf_counter() - due
    with lock:
        results[name].append(took)
        if status != 200:
            results["errors"].append(status)


def open_loop(visitors: list[Visitor], rate: float, seconds: float) -> dict[str, list[float]]:
    results: dict[str, list] = defaultdict(list)
    lock = threading.Lock()
    work = [(v, name) for v in visitors for name in v.pages]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for n in range(int(rate * seconds)):
            due = start + n / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            visitor, name = work[n % len(work)]
            pool.submit(_fetch, visitor, name, due, results, lock)
    return results


def closed_loop(visitors: list[Visitor], seconds: float) -> dict[str, list[float]]:
    results: dict[str, list] = defaultdict(list)
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def loop(visitor: Visitor) -> None:
        names = list(visitor.pages)
        n = 0
        while time.perf_counter() < stop:
            _fetch(visitor, names[n % len(names)], time.perf_counter(), results, lock)
            n += 1

    with ThreadPoolExecutor(max_workers=len(visitors)) as pool:
        list(pool.map(loop, visitors))
    return results


def show(title: str, results: dict[str, list[float]], seconds: float) -> float:
    pages = {k: v for k, v in results.items() if k != "errors"}
    every = [t for times in pages.values() for t in times]
    print(
        f"\n{title}: {len(every)} requests in {seconds:.0f} s = {len(every) / seconds:.1f}/s,"
        f" {len(results.get('errors', []))} errors"
    )
    print(f"  {'page':<20} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, times in sorted(pages.items()):
        print(
            f"  {name:<20} {len(times):>5} {percentile(times, 0.5) * 1000:>8.0f} "
            f"{percentile(times, 0.95) * 1000:>8.0f} {percentile(times, 0.99) * 1000:>8.0f}"
        )
    p95 = percentile(every, 0.95)
    print(
        f"  {'all pages':<20} {len(every):>5} {percentile(every, 0.5) * 1000:>8.0f} "
        f"{p95 * 1000:>8.0f} {percentile(every, 0.99) * 1000:>8.0f}"
    )
    return p95


def measure(server: Server, args: argparse.Namespace) -> dict[str, float]:
    server.start()
    try:
        visitors = [sign_in(server, PERSONAS[n % len(PERSONAS)]) for n in range(args.users)]
        print(f"\n== {server.name}: {len(visitors)} users signed in")
        single = one_user(server, visitors[0], args.single)
        print(f"One user ({visitors[0].username}), each page {args.single} times, medians:")
        for name, (latency, cpu) in single.items():
            print(f"  {name:<20} {latency * 1000:>7.0f} ms  server CPU {cpu * 1000:>6.0f} ms")
        open_p95 = show(
            f"Open loop at {args.rate}/s",
            open_loop(visitors, args.rate, args.seconds),
            args.seconds,
        )
        started = time.perf_counter()
        closed = closed_loop(visitors, args.seconds)
        show("Closed loop, no think time", closed, time.perf_counter() - started)
    finally:
        server.stop()
    return {
        "open p95": open_p95,
        "median CPU": statistics.median(cpu for _, cpu in single.values()),
        "slowest single": max(latency for latency, _ in single.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--single", type=int, default=20, help="requests per page, one user")
    parser.add_argument("--no-dev", action="store_true", help="skip the development server")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; web workers: {os.environ.get('ASSURE_WEB_WORKERS', 'default')}")
    servers = [Server("gunicorn (assure serve)", ["--no-worker"])]
    if not args.no_dev:
        servers.append(Server("development server (assure serve --dev)", ["--dev", "--no-worker"]))
    verdicts = {server.name: measure(server, args) for server in servers}
    print(
        "\nTargets: open-loop p95 <= 200 ms; median server CPU per page <= 20 ms; "
        "no page over 300 ms for one user"
    )
    for name, got in verdicts.items():
        print(
            f"  {name}: p95 {got['open p95'] * 1000:.0f} ms, median CPU "
            f"{got['median CPU'] * 1000:.0f} ms, slowest page alone "
            f"{got['slowest single'] * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
