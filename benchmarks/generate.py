"""Time and peak memory of `assure generate`: one large authority over ten years, and England.

    .venv/bin/python benchmarks/generate.py [--la 886] [--years 10] [--england-years 1]
                                            [--skip-england]

Each run is a child process, so its peak resident memory (ru_maxrss) is its own; England
runs with two worker processes, whose peak is reported too (the largest of them).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 (the generator, our own arguments)
        [sys.executable, "-m", "analytics.synthetic.cli", *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--la", default="886", help="a large authority (886 is Kent)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--england-years", type=int, default=1)
    parser.add_argument("--skip-england", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        seconds, peak = run(["--la", args.la, "--years", str(args.years), "-o", f"{out}/one"])
        print(
            f"authority {args.la}, {args.years} years: {seconds:.1f} s, peak {peak:.0f} MB, "
            f"{size(Path(out) / 'one'):.0f} MB written"
        )
        if not args.skip_england:
            seconds, peak = run(
                ["--scale", "england", "--years", str(args.england_years), "-o", f"{out}/england"]
            )
            print(
                f"England ({args.england_years} year(s), 2 processes): {seconds:.1f} s, "
                f"peak {peak:.0f} MB per process, {size(Path(out) / 'england'):.0f} MB written"
            )


if __name__ == "__main__":
    main()
