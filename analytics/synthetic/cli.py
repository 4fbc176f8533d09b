"""`assure generate`: synthetic statutory returns calibrated to a published authority.

    assure generate --la 880 [--years 3] [--scale authority|england] [--seed 1] -o DIR

Writes the SSDA903 CSVs and the CIN census XML of each collection year, and the local
extracts, into DIR/<authority code>/ (see analytics.synthetic.generator). Every child is
invented. Progress goes to standard error; the summary to standard output.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

from analytics.synthetic.calibration import authority, latest_year
from analytics.synthetic.generator import generate


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assure generate", description=__doc__.splitlines()[0])
    p.add_argument("--la", help="authority: three-digit code (880), ONS code or name")
    p.add_argument("--years", type=int, default=3, help="collection years to write (default 3)")
    p.add_argument("--end-year", type=int, help="last collection year (default: latest published)")
    p.add_argument("--scale", choices=["authority", "england"], default="authority")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=2, help="processes for --scale england")
    p.add_argument("-o", "--output", required=True, type=Path, help="folder to write into")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.scale == "authority" and not args.la:
        print("assure generate: --la is needed for --scale authority", file=sys.stderr)
        return 2
    if not 1 <= args.years <= 30:
        print("assure generate: --years must be between 1 and 30", file=sys.stderr)
        return 2
    try:
        if args.la:
            authority(args.la)
    except KeyError as problem:
        print(f"assure generate: {problem.args[0]}", file=sys.stderr)
        return 2
    started = time.perf_counter()

    def progress(items):
        total = 1 if args.scale == "authority" else None
        return tqdm(items, total=total, desc="authorities", unit="la", file=sys.stderr)

    done = generate(
        args.scale,
        args.la,
        args.output,
        args.years,
        args.seed,
        args.end_year or latest_year(),
        progress,
        args.workers,
    )
    seconds = time.perf_counter() - started
    for manifest in done if len(done) <= 3 else []:
        name, years = manifest["authority"]["name"], manifest["years"]
        print(f"{name}: collection years {years[0]}-{years[-1]} written to {args.output}")
    print(f"{len(done)} authorit{'y' if len(done) == 1 else 'ies'} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
