"""Time and peak memory of loading, validating, keeping and computing: one large authority
over ten years, and England, on synthetic returns from `assure generate`.

    .venv/bin/python benchmarks/load_validate_compute.py [--la 886] [--years 10]
        [--england-years 1] [--skip-england] [--skip-authority] [--seed 7] [--data DIR]
        [--workers 2] [--one-by-one] [--dfe] [--dfe-limit S]

`--data DIR` measures folders already generated (DIR/<la>/...) instead of generating:
England generated once with `assure generate --scale england --years 1 --seed 7 -o DIR`
is measured with `--data DIR --skip-authority`. The large authority is measured in a child
process of its own, so its peak resident memory is its own. England is loaded at once
(`loads.load_many`: the authorities shared between `--workers` processes, each loading its
share together, the rules across tables once over the share), then every authority's
indicators are computed at once from the snapshots in this process; `--one-by-one` loads
each authority alone in `--workers` long-lived processes, as the service's worker runs a
partnership's loads, so its memory at its highest is at most the workers' peaks together.
CPU seconds (user and system, imports included) are printed beside wall time: on a machine
shared with other work the wall time says more about the neighbours, and CPU over workers
is the wall time on idle cores.
`--dfe` also times the Department's validators (in .venv-dfe, see scripts/dfe-validators)
on the latest year of the same files, and this pipeline's read and validation of that year.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@contextlib.contextmanager
def _stage(name: str, times: dict[str, float], cpu: dict[str, float]) -> Iterator[None]:
    """Wall and CPU seconds of one stage (CPU counts DuckDB's threads too)."""
    wall, used = time.perf_counter(), time.process_time()
    yield
    times[name] = time.perf_counter() - wall
    cpu[name] = time.process_time() - used


def measure(folder: Path, la: str) -> dict:
    """Read, validate, keep and compute one authority's folder; times and peak memory."""
    from analytics.formats import files
    from analytics.indicators.engine import Engine
    from analytics.indicators.periods import parse_month
    from analytics.store import snapshots
    from analytics.validation import validate

    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    with _stage("read", times, cpu):
        sources, problems = files.sources([folder])
        reading = files.read(sources)
        reading.problems = problems + reading.problems
    with _stage("validate", times, cpu):
        validated = validate(reading, la)
    with tempfile.TemporaryDirectory() as store:
        with _stage("keep", times, cpu):
            snapshot = snapshots.write(
                Path(store),
                la,
                validated.tables,
                [{"name": s.name, "sha256": s.sha256, "size": s.size} for s in sources],
                validated.report.as_dict(),
            )
        latest = max(validated.years.get("ssda903", [2025]))
        with _stage("compute", times, cpu):
            engine = Engine.from_snapshots([snapshot], la)
            results = engine.run_all(parse_month(f"{latest}-03"))
            engine.close()
    return {
        "la": la,
        "megabytes": sum(s.size for s in sources) / 1e6,
        "rows": sum(t.num_rows for t in validated.tables.values()),
        "fatal": validated.report.fatal_count,
        "warnings": validated.report.warning_count,
        "computed": sum(r.computed for r in results),
        "years": validated.years,
        "seconds": times,
        "cpu_seconds": cpu,
        "cpu": _cpu(resource.RUSAGE_SELF),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def measure_apart(folder: Path, la: str) -> dict:
    done = subprocess.run(  # noqa: S603 (this script, our own arguments)
        [sys.executable, __file__, "--one", str(folder), "--la", la],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def generate(
    la: str | None, years: int, out: Path, scale: str = "authority", seed: int = 7
) -> None:
    args = ["--years", str(years), "--scale", scale, "--seed", str(seed), "-o", str(out)]
    subprocess.run(  # noqa: S603 (the generator, our own arguments)
        [sys.executable, "-m", "analytics.synthetic.cli", *(["--la", la] if la else []), *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def show(label: str, result: dict) -> None:
    s, c = result["seconds"], result["cpu_seconds"]
    stages = "  ".join(f"{k} {s[k]:>6.1f} s (CPU {c[k]:>5.1f})" for k in s)
    print(
        f"{label:<28} {result['megabytes']:>8.1f} MB {result['rows']:>10,} rows  {stages}  "
        f"peak {result['peak_mb']:>6.0f} MB  fatal {result['fatal']}  "
        f"warnings {result['warnings']}",
        flush=True,
    )


def _measure_in_worker(folder: Path) -> dict:
    """`measure` in a long-lived worker process: its CPU is the stages' (imports are paid
    once a worker, counted by the caller), its peak the worker's so far."""
    result = measure(folder, folder.name)
    result["worker"] = os.getpid()
    return result


def england(folder: Path, workers: int) -> None:
    """Every authority's folder, in `workers` long-lived processes (as the service's worker
    runs loads): the times printed are the sums over authorities, the CPU in all counts the
    workers' start and imports, the wall time is the whole run's."""
    folders = sorted(p for p in folder.iterdir() if p.is_dir())
    started, before = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_measure_in_worker, folders))
    wall = time.perf_counter() - started
    cpu = _cpu(resource.RUSAGE_CHILDREN) - before
    total = {k: sum(r["seconds"][k] for r in results) for k in results[0]["seconds"]}
    peaks: dict[int, float] = {}
    for r in results:
        peaks[r["worker"]] = max(peaks.get(r["worker"], 0.0), r["peak_mb"])
    print(
        f"England: {wall:.0f} s wall with {workers} processes; {cpu:.0f} s CPU in all "
        f"({cpu / workers:.0f} s on {workers} idle cores); peak {max(peaks.values()):.0f} MB a "
        f"process, {sum(peaks.values()):.0f} MB at once at most",
        flush=True,
    )
    summary = {
        "megabytes": sum(r["megabytes"] for r in results),
        "rows": sum(r["rows"] for r in results),
        "fatal": sum(r["fatal"] for r in results),
        "warnings": sum(r["warnings"] for r in results),
        "seconds": total,
        "cpu_seconds": {k: sum(r["cpu_seconds"][k] for r in results) for k in total},
        "peak_mb": max(peaks.values()),
    }
    show(f"England ({len(results)} authorities)", summary)


def england_at_once(folder: Path, workers: int) -> None:
    """Every authority's folder loaded at once (`loads.load_many`: shared between `workers`
    processes, each reading its share, running the rules across tables once over it and
    keeping each authority's snapshot), then every authority's indicators computed at once
    from the snapshots in this process (`Engine.run_many`, one query an indicator). CPU in
    all is this process's and the workers'."""
    from analytics.indicators.engine import Engine
    from analytics.indicators.periods import parse_month
    from analytics.loads import load_many

    folders = {p.name: [p] for p in sorted(folder.iterdir()) if p.is_dir()}
    started, before = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    children = _cpu(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch)
        loaded = load_many(folders, store, workers=workers)
        load_wall = time.perf_counter() - started
        kept = {la: [r.snapshot] for la, r in loaded.items() if r.snapshot}
        held = [r.snapshot.manifest["years"] for r in loaded.values() if r.snapshot]
        latest = max((y for years in held for y in years.get("ssda903", [])), default=2025)
        used = time.process_time()
        engine = Engine.over_authorities(kept)
        results = engine.run_many([parse_month(f"{latest}-03")])
        engine.close()
        computing = time.process_time() - used
    wall = time.perf_counter() - started
    mine = _cpu(resource.RUSAGE_SELF) - before
    cpu = mine + _cpu(resource.RUSAGE_CHILDREN) - children
    timings = [r.timings for r in loaded.values()]
    stages = {k: sum(t.get(k, 0.0) for t in timings) for k in ("read", "validate", "keep")}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"England at once ({len(folders)} authorities, {len(kept)} kept, "
        f"{sum(r.computed for rs in results.values() for r in rs)} figures, fatal "
        f"{sum(r.report.fatal_count for r in loaded.values())}, warnings "
        f"{sum(r.report.warning_count for r in loaded.values())}): {wall:.0f} s wall with "
        f"{workers} processes (loaded in {load_wall:.0f} s); {cpu:.0f} s CPU in all, "
        f"{mine:.0f} s of it in this process; "
        + "  ".join(f"{k} {v:.1f} s" for k, v in stages.items())
        + f"  compute {computing:.1f} s CPU; peak {peak:.0f} MB this "
        f"process, {worker_peak:.0f} MB a worker, {peak + workers * worker_peak:.0f} MB at "
        "once at most",
        flush=True,
    )


def dfe(folder: Path, la: str, limit: float) -> None:
    """The Department's validators and this pipeline on the latest year's files; a validator
    still running after `limit` seconds is stopped and reported as unfinished."""
    from analytics.synthetic.calibration import authority

    python = ROOT / ".venv-dfe" / "bin" / "python"
    if not python.exists():
        print("DfE validators: not installed (bash scripts/dfe-validators)")
        return
    year = max(p.name for p in folder.iterdir() if p.name.isdigit())
    runner = str(ROOT / "benchmarks" / "dfe_runner.py")
    ons = authority(la).gss
    for kind, path, extra in (
        ("903", folder / year / "ssda903", [ons]),
        ("cin", folder / year / "cin_census.xml", []),
    ):
        started = time.perf_counter()
        ours = measure_apart(path, la)
        process = time.perf_counter() - started  # startup, read, validate, keep, compute
        mine = ours["seconds"]["read"] + ours["seconds"]["validate"]
        started = time.perf_counter()
        try:
            subprocess.run(  # noqa: S603 (the DfE runner in its own environment)
                [str(python), runner, kind, str(path), year, *extra],
                cwd=ROOT,
                check=False,
                capture_output=True,
                text=True,
                timeout=limit,
            )
        except subprocess.TimeoutExpired:
            print(
                f"{kind:>4} {year}: DfE validator stopped after {limit:.0f} s, unfinished; "
                f"Assure {process:5.2f} s as a process (over {limit / process:.0f}x faster), "
                f"read+validate {mine:5.2f} s in process",
                flush=True,
            )
            continue
        theirs = time.perf_counter() - started
        print(
            f"{kind:>4} {year}: DfE validator {theirs:6.1f} s as a process; Assure "
            f"{process:5.2f} s as a process ({theirs / process:4.0f}x faster; and it keeps "
            f"and computes too), read+validate {mine:5.2f} s in process",
            flush=True,
        )


def authority(args: argparse.Namespace, data: Path) -> None:
    """The one large authority, and the Department's validators on it if asked."""
    if not args.data:
        generate(args.la, args.years, data / "one", seed=args.seed)
    one = (data / "one" if not args.data else data) / args.la
    result = measure_apart(one, args.la)
    years = result["years"].get("ssda903", [])
    show(f"{args.la}, {len(years)} years to {max(years, default='?')}", result)
    if args.dfe:
        dfe(one, args.la, args.dfe_limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--la", default="886", help="the large authority (default Kent)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--england-years", type=int, default=1)
    parser.add_argument("--skip-england", action="store_true")
    parser.add_argument("--skip-authority", action="store_true", help="England alone")
    parser.add_argument("--seed", type=int, default=7, help="for the returns generated")
    parser.add_argument("--data", type=Path, help="folders already generated")
    parser.add_argument("--dfe", action="store_true", help="time the DfE validators too")
    parser.add_argument(
        "--dfe-limit", type=float, default=900, help="seconds before a DfE validator is stopped"
    )
    parser.add_argument("--workers", type=int, default=2, help="England: authorities at once")
    parser.add_argument(
        "--one-by-one", action="store_true", help="England: each authority loaded alone"
    )
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.la)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch)
        if not args.skip_authority:
            authority(args, data)
        if not args.skip_england:
            if not args.data:
                generate(None, args.england_years, data / "england", "england", args.seed)
            where = data / "england" if not args.data else data
            if args.one_by_one:
                england(where, args.workers)
            else:
                england_at_once(where, args.workers)


if __name__ == "__main__":
    main()
