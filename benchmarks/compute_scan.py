"""How far computing every indicator from a snapshot is from a bare scan of its Parquet.

    .venv/bin/python benchmarks/compute_scan.py [--la 886] [--data DIR] [--years 1]
        [--seed 7] [--repeat 5]

The authority's returns (`--data DIR`, its folder from `assure generate`; else generated
into a temporary folder with `--years` and `--seed`) are loaded into a temporary store, and
the snapshot kept is then read two ways, back to back, `--repeat` times each:

- as processes: a bare scan (`python -c`, DuckDB reading every Parquet file of the snapshot
  whole into memory) against `assure compute --snapshot` (every indicator, JSON out), each
  a fresh process, so startup and imports count;
- in process: the same scan on an open connection against an engine built over the
  snapshot and every indicator run, after one run of each to warm up.

Prints the medians of wall time and of CPU time (user and system, which a busy machine
disturbs less) and their ratios, compute over scan.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCAN = """
import sys, duckdb
connection = duckdb.connect()
for number, path in enumerate(sys.argv[1:]):
    connection.read_parquet(path).create(f"t{number}")
"""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _process(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    wall, cpu = time.perf_counter(), _cpu()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return time.perf_counter() - wall, _cpu() - cpu


def _inside(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _keep(folder: Path, la: str, store: Path) -> Path:
    from analytics.loads import load

    result = load([folder], la, store)
    if result.snapshot is None:
        sys.exit(f"The returns were refused: {result.report.summary()}")
    return result.snapshot.path


def _month(snapshot: Path) -> str:
    years = json.loads((snapshot / "manifest.json").read_text()).get("years", {})
    latest = max((max(found) for found in years.values() if found), default=2025)
    return f"{latest}-03"


def _show(label: str, scan: list[tuple[float, float]], compute: list[tuple[float, float]]):
    wall = [statistics.median(t[0] for t in runs) for runs in (scan, compute)]
    cpu = [statistics.median(t[1] for t in runs) for runs in (scan, compute)]
    print(
        f"{label:<11} scan {wall[0]:6.3f} s wall {cpu[0]:6.3f} s CPU   "
        f"compute {wall[1]:6.3f} s wall {cpu[1]:6.3f} s CPU   "
        f"ratio {wall[1] / wall[0]:5.1f} wall {cpu[1] / cpu[0]:5.1f} CPU",
        flush=True,
    )


def as_processes(snapshot: Path, la: str, repeat: int) -> None:
    files = [str(p) for p in sorted(snapshot.glob("*.parquet"))]
    scan_command = [sys.executable, "-c", SCAN, *files]
    compute_command = [sys.executable, "-m", "assure.cli", "compute", "--snapshot"]
    compute_command += [str(snapshot), "--la", la, "--month", _month(snapshot), "--quiet"]
    scans, computes = [], []
    for _ in range(repeat):
        scans.append(_process(scan_command))
        computes.append(_process(compute_command))
    _show("process", scans, computes)


def in_process(snapshot: Path, la: str, repeat: int) -> None:
    import duckdb

    from analytics.compute_cli import _from_snapshot
    from analytics.indicators.periods import parse_month

    files = sorted(snapshot.glob("*.parquet"))
    month = parse_month(_month(snapshot))

    def scan() -> None:
        connection = duckdb.connect()
        for number, path in enumerate(files):
            connection.read_parquet(str(path)).create(f"t{number}")
        connection.close()

    def compute() -> None:
        engine, _ = _from_snapshot(snapshot, la)
        engine.run_all(month)
        engine.close()

    scan(), compute()
    scans, computes = [], []
    for _ in range(repeat):
        scans.append(_inside(scan))
        computes.append(_inside(compute))
    _show("in process", scans, computes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--la", help="the authority (default: the name of --data's folder, or Kent, 886)"
    )
    parser.add_argument("--data", type=Path, help="its folder of returns, already generated")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    args.la = args.la or (args.data.resolve().name if args.data else "886")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data
        if folder is None:
            from benchmarks.load_validate_compute import generate

            generate(args.la, args.years, Path(scratch) / "returns", seed=args.seed)
            folder = Path(scratch) / "returns" / args.la
        snapshot = _keep(folder, args.la, Path(scratch) / "store")
        size = sum(p.stat().st_size for p in snapshot.glob("*.parquet")) / 1e6
        print(f"{args.la}: {folder}, snapshot {size:.1f} MB of Parquet, month {_month(snapshot)}")
        as_processes(snapshot, args.la, args.repeat)
        in_process(snapshot, args.la, args.repeat)


if __name__ == "__main__":
    main()
