"""How near the generated authorities are to the Department's published figures.

    .venv/bin/python benchmarks/calibration.py [--la 880 886 ...] [--years 2016-2025]
                                               [--separately] [--seed 1] [--workers 2]
                                               [--worst 5]

Generates each authority (all 152 unless --la says which) over the collection years asked
for (a range such as 2016-2025, or one year; the latest published by default): one simulation
over the years, as `assure generate --years` makes them, or with --separately one simulation
of each year alone. Writes its SSDA903 files and CIN census of each year into a temporary
folder and counts them as a reader of the returns would (`analytics/synthetic/measure.py`):
children looked after, on child protection plans and in need at 31 March, referrals, starts
and ceases of care and plans started in the year, and the children looked after at 31 March
by placement (set beside the published shares), legal status and age. Prints, per measure,
the generated and published totals and their ratio, how many authority-years are within 10%
of the published figure (or within chance) and the worst of them, how many placement shapes
are within reason; over several years, the same year by year; then every authority-year
outside 10% and every placement shape outside reason, worst first. While it runs, a line per
simulation with its generated/published counts.
"""

from __future__ import annotations

import argparse
import time

from analytics.synthetic.calibration import authorities, authority, latest_year
from analytics.synthetic.measure import MEASURES, Measured, calibration_rows, summary


def years(text: str) -> tuple[int, int]:
    """ "2016-2025" or "2025" as the first and last collection years."""
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def progress(measured: Measured) -> None:
    """One line per simulation as it is done: each measure generated/published, summed over
    its years, and the worst placement share."""
    rows = measured.rows
    counts = " ".join(
        f"{m} {sum(r.generated for r in rows if r.measure == m)}"
        f"/{sum(r.published for r in rows if r.measure == m):.0f}"
        for m in MEASURES
    )
    placed = [s for s in measured.shapes if s.kind == "placement" and s.worst]
    worst = max(placed, key=lambda s: s.miss(s.worst), default=None)  # type: ignore[arg-type]
    shape = f" | {worst.year} {worst.describe(worst.worst)}" if worst and worst.worst else ""
    years = f"{rows[0].year}" + (f"-{rows[-1].year}" if rows[-1].year != rows[0].year else "")
    print(f"{rows[0].code} {rows[0].name} {years}: {counts}{shape}", flush=True)


def outside(measured: Measured) -> list[str]:
    """Every authority-year outside 10%, and every placement shape outside reason."""
    lines = []
    for r in sorted((r for r in measured.rows if not r.within), key=lambda r: -abs(r.ratio - 1)):
        lines.append(
            f"  {r.code} {r.name} {r.year} {r.measure}: generated {r.generated:,}, "
            + (
                "published 1 to 5 (c)"
                if r.suppressed
                else f"published {r.published:,.0f}{' (fallback)' if r.estimated else ''}, "
                f"ratio {r.ratio:.2f}"
            )
        )
    shapes = [s for s in measured.shapes if s.worst and not s.within]
    for s in sorted(shapes, key=lambda s: -s.miss(s.worst)):  # type: ignore[arg-type]
        shares = ", ".join(s.describe(group) for group in s.published)
        lines.append(f"  {s.code} {s.name} {s.year} placement (generated/published): {shares}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--la", nargs="*", help="codes or names (default: all 152)")
    parser.add_argument("--years", type=years, help="e.g. 2016-2025 (default: the latest)")
    parser.add_argument("--separately", action="store_true", help="one simulation a year")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worst", type=int, default=5)
    args = parser.parse_args()
    codes = [authority(la).code for la in args.la] if args.la else list(authorities())
    first, last = args.years or (latest_year(), latest_year())
    started = time.perf_counter()
    measured = calibration_rows(
        codes, first, last, args.seed, args.workers, progress, args.separately
    )
    seconds = time.perf_counter() - started
    how = "each year alone" if args.separately else "one simulation over the years"
    print(
        f"{len(codes)} authorities, {first}-{last} ({how}), seed {args.seed}: "
        f"generated and counted in {seconds:.0f} s with {args.workers} process(es)"
    )
    print(summary(measured, args.worst))
    lines = outside(measured)
    if lines:
        print(f"\n{len(lines)} outside 10% (counts) or reason (placement shares):")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
