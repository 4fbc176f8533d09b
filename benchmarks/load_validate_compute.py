"""Time and peak memory of loading, validating, keeping and computing: one large authority
over ten years, and England, on synthetic returns from `assure generate`.

    .venv/bin/python benchmarks/load_validate_compute.py [--la 886] [--years 10]
        [--england-years 1] [--skip-england] [--data DIR] [--dfe] [--dfe-limit S]

`--data DIR` measures folders already generated (DIR/<la>/...) instead of generating.
Each authority is measured in a child process, so its peak resident memory is its own.
`--dfe` also times the Department's validators (in .venv-dfe, see scripts/dfe-validators)
on the latest year of the same files, and this pipeline's read and validation of that year.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure(folder: Path, la: str) -> dict:
    """Read, validate, keep and compute one authority's folder; times and peak memory."""
    from analytics.formats import files
    from analytics.indicators.engine import Engine
    from analytics.indicators.periods import parse_month
    from analytics.store import snapshots
    from analytics.validation import validate

    times: dict[str, float] = {}
    started = time.perf_counter()
    sources, problems = files.sources([folder])
    reading = files.read(sources)
    reading.problems = problems + reading.problems
    times["read"] = time.perf_counter() - started
    started = time.perf_counter()
    validated = validate(reading, la)
    times["validate"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as store:
        started = time.perf_counter()
        snapshot = snapshots.write(
            Path(store),
            la,
            validated.tables,
            [{"name": s.name, "sha256": s.sha256, "size": s.size} for s in sources],
            validated.report.as_dict(),
        )
        times["keep"] = time.perf_counter() - started
        latest = max(validated.years.get("ssda903", [2025]))
        started = time.perf_counter()
        engine = Engine.from_snapshots([snapshot], la)
        results = engine.run_all(parse_month(f"{latest}-03"))
        engine.close()
        times["compute"] = time.perf_counter() - started
    return {
        "la": la,
        "megabytes": sum(s.size for s in sources) / 1e6,
        "rows": sum(t.num_rows for t in validated.tables.values()),
        "fatal": validated.report.fatal_count,
        "warnings": validated.report.warning_count,
        "computed": sum(r.computed for r in results),
        "years": validated.years,
        "seconds": times,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_apart(folder: Path, la: str) -> dict:
    done = subprocess.run(  # noqa: S603 (this script, our own arguments)
        [sys.executable, __file__, "--one", str(folder), "--la", la],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def generate(la: str | None, years: int, out: Path, scale: str = "authority") -> None:
    args = ["--years", str(years), "--scale", scale, "-o", str(out)]
    subprocess.run(  # noqa: S603 (the generator, our own arguments)
        [sys.executable, "-m", "analytics.synthetic.cli", *(["--la", la] if la else []), *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def show(label: str, result: dict) -> None:
    s = result["seconds"]
    print(
        f"{label:<28} {result['megabytes']:>8.1f} MB {result['rows']:>10,} rows  "
        f"read {s['read']:>6.1f} s  validate {s['validate']:>5.1f} s  keep {s['keep']:>5.1f} s  "
        f"compute {s['compute']:>5.1f} s  peak {result['peak_mb']:>6.0f} MB  "
        f"fatal {result['fatal']}  warnings {result['warnings']}",
        flush=True,
    )


def england(folder: Path, workers: int) -> None:
    """Every authority's folder, each in its own process, `workers` at a time; the times
    printed are the sums over authorities, the wall time is the whole run's."""
    folders = sorted(p for p in folder.iterdir() if p.is_dir())
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:  # each measure is its own process
        results = list(pool.map(lambda f: measure_apart(f, f.name), folders))
    print(f"England: {time.perf_counter() - started:.0f} s wall with {workers} processes")
    total = {k: sum(r["seconds"][k] for r in results) for k in results[0]["seconds"]}
    summary = {
        "megabytes": sum(r["megabytes"] for r in results),
        "rows": sum(r["rows"] for r in results),
        "fatal": sum(r["fatal"] for r in results),
        "warnings": sum(r["warnings"] for r in results),
        "seconds": total,
        "peak_mb": max(r["peak_mb"] for r in results),
    }
    show(f"England ({len(results)} authorities)", summary)


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
        ours = measure_apart(path, la)
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
                f"Assure read+validate {mine:5.2f} s; over {limit / mine:.0f}x faster",
                flush=True,
            )
            continue
        theirs = time.perf_counter() - started
        print(
            f"{kind:>4} {year}: DfE validator {theirs:6.1f} s (process, with imports); "
            f"Assure read+validate {mine:5.2f} s; {theirs / mine:5.0f}x faster",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--la", default="886", help="the large authority (default Kent)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--england-years", type=int, default=1)
    parser.add_argument("--skip-england", action="store_true")
    parser.add_argument("--data", type=Path, help="folders already generated")
    parser.add_argument("--dfe", action="store_true", help="time the DfE validators too")
    parser.add_argument(
        "--dfe-limit", type=float, default=900, help="seconds before a DfE validator is stopped"
    )
    parser.add_argument("--workers", type=int, default=2, help="England: authorities at once")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.la)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch)
        if not args.data:
            generate(args.la, args.years, data / "one")
        one = (data / "one" if not args.data else data) / args.la
        result = measure_apart(one, args.la)
        years = result["years"].get("ssda903", [])
        show(f"{args.la}, {len(years)} years to {max(years, default='?')}", result)
        if args.dfe:
            dfe(one, args.la, args.dfe_limit)
        if not args.skip_england:
            if not args.data:
                generate(None, args.england_years, data / "england", "england")
            england(data / "england" if not args.data else data, args.workers)


if __name__ == "__main__":
    main()
