"""How near the generated authorities are to the Department's published figures.

    .venv/bin/python benchmarks/calibration.py [--la 880 886 ...] [--years 1] [--seed 1]
                                               [--end-year 2025] [--workers 2] [--worst 5]

Generates each authority (all 152 unless --la says which), writes its SSDA903 files and CIN
census of each year into a temporary folder and counts them as a reader of the returns would
(`analytics/synthetic/measure.py`): children looked after, on child protection plans and in
need at 31 March, referrals, starts and ceases of care and plans started in the year. Prints,
per measure, the generated and published totals and their ratio, how many authority-years are
within 10% of the published figure, the worst of them, then every authority-year outside 10%;
while it runs, a line per authority with its generated/published counts.
"""

from __future__ import annotations

import argparse
import time

from analytics.synthetic.calibration import authorities, authority, latest_year
from analytics.synthetic.measure import MEASURES, Row, calibration_rows, summary


def progress(rows: list[Row]) -> None:
    """One line per authority as it is done: each measure's ratio, summed over the years."""
    ratios = " ".join(
        f"{m} {sum(r.generated for r in rows if r.measure == m)}"
        f"/{sum(r.published for r in rows if r.measure == m):.0f}"
        for m in MEASURES
    )
    print(f"{rows[0].code} {rows[0].name}: {ratios}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--la", nargs="*", help="codes or names (default: all 152)")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-year", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worst", type=int, default=5)
    args = parser.parse_args()
    codes = [authority(la).code for la in args.la] if args.la else list(authorities())
    started = time.perf_counter()
    rows = calibration_rows(
        codes,
        args.years,
        args.seed,
        args.end_year or latest_year(),
        workers=args.workers,
        each=progress,
    )
    seconds = time.perf_counter() - started
    print(
        f"{len(codes)} authorities, {args.years} year(s), seed {args.seed}: "
        f"generated and counted in {seconds:.0f} s with {args.workers} process(es)"
    )
    print(summary(rows, args.worst))
    outside = [r for r in rows if not r.within]
    if outside:
        print(f"\n{len(outside)} of {len(rows)} outside 10%:")
        for r in sorted(outside, key=lambda r: -abs(r.ratio - 1)):
            print(
                f"  {r.code} {r.name} {r.year} {r.measure}: generated {r.generated:,}, "
                f"published {r.published:,.0f}{' (fallback)' if r.estimated else ''}, "
                f"ratio {r.ratio:.2f}"
            )


if __name__ == "__main__":
    main()
