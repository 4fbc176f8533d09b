"""What running the rules and indicators over many authorities' tables at once would buy:
their CPU time one authority at a time (as a load runs them), against the same tables of
every authority put together and run once.

    .venv/bin/python benchmarks/rules_at_once.py --data DIR [--workers 2]

DIR holds folders from `assure generate --scale england` (DIR/<la>/...). Each authority is
read and validated in `--workers` processes; the timings are then taken in this one process,
on the same typed tables. Per authority, each of the 144 rules and 38 indicators is a DuckDB
query with a fixed cost of a few milliseconds whatever the authority's size, which is most of
England's validation and computing (README, Performance).

Run at once, the rules (`consistency.check_many`, as `loads.load_together` runs them) give
each authority its own findings, as every rule keys a child by authority, and the indicators
(`Engine.run_many`, as England's benchmark computes) each authority its own figures: the
counts of problems and of figures are printed both ways.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _tables(folder: Path) -> dict:
    """One authority's tables as validation types them (in a worker), read and validated as
    `assure compute` does."""
    from analytics.loads import check

    return check([folder], folder.name)[0].tables


def _rules(tables: dict) -> tuple[float, int]:
    """CPU seconds of every rule over `tables`, and how many problems they found."""
    from analytics.problems import Report
    from analytics.validation import consistency

    used = time.process_time()
    report = Report()
    consistency.check(tables, report)
    return time.process_time() - used, report.warning_count + report.fatal_count


def _rules_many(every: dict) -> tuple[float, int]:
    """CPU seconds of every rule once over every authority's tables, and the problems found."""
    from analytics.problems import Report
    from analytics.validation import consistency

    used = time.process_time()
    reports = {la: Report() for la in every}
    consistency.check_many(every, reports)
    found = sum(r.warning_count + r.fatal_count for r in reports.values())
    return time.process_time() - used, found


def _indicators(tables: dict, la: str) -> tuple[float, int]:
    """CPU seconds of every indicator over `tables`, and how many it computed."""
    from analytics.indicators.engine import Engine
    from analytics.indicators.periods import parse_month

    used = time.process_time()
    engine = Engine(tables, la)
    results = engine.run_all(parse_month("2025-03"))
    engine.close()
    return time.process_time() - used, sum(r.computed for r in results)


def _indicators_many(every: dict, whole: dict) -> tuple[float, int]:
    """CPU seconds of every indicator once for every authority, and how many it computed."""
    from analytics.formats.datasets import dataset_of
    from analytics.indicators.engine import Engine, Holding
    from analytics.indicators.periods import parse_month

    used = time.process_time()
    holdings = {la: Holding({dataset_of(name) for name in tables}) for la, tables in every.items()}
    engine = Engine(whole, next(iter(every)), holdings=holdings)
    results = engine.run_many([parse_month("2025-03")])
    engine.close()
    computed = sum(r.computed for found in results.values() for r in found)
    return time.process_time() - used, computed


def main() -> None:
    import pyarrow as pa

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    folders = sorted(p for p in args.data.iterdir() if p.is_dir())
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        every = dict(zip((f.name for f in folders), pool.map(_tables, folders), strict=True))
    rules = indicators = 0.0
    found = computed = 0
    for la, tables in every.items():
        seconds, problems = _rules(tables)
        rules, found = rules + seconds, found + problems
        seconds, count = _indicators(tables, la)
        indicators, computed = indicators + seconds, computed + count
    parts = defaultdict(list)
    for tables in every.values():
        for name, table in tables.items():
            parts[name].append(table)
    whole = {name: pa.concat_tables(pieces) for name, pieces in parts.items()}
    rows = sum(t.num_rows for t in whole.values())
    rules_once, found_once = _rules_many(every)
    indicators_once, computed_once = _indicators_many(every, whole)
    print(f"{len(every)} authorities, {rows:,} rows (CPU seconds, this process)")
    print(
        f"rules:      one authority at a time {rules:6.1f} s ({found} problems); "
        f"all at once {rules_once:5.1f} s ({found_once} problems); {rules / rules_once:.0f} times"
    )
    print(
        f"indicators: one authority at a time {indicators:6.1f} s ({computed} computed); "
        f"all at once {indicators_once:5.1f} s ({computed_once} computed); "
        f"{indicators / indicators_once:.0f} times"
    )
    print(f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
