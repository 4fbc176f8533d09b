"""The `assure compute` command: every indicator, straight from a folder of return files.

    assure compute --data DIR --la CODE --month YYYY-MM [--format json|csv] [--year YYYY]

Reads and validates the files as a load would (keeping nothing), then runs every
indicator whose data is present for the month. Exit status 0 with the figures on stdout;
1 when validation found fatal problems (the report goes to stderr); 2 for bad arguments.
Progress goes to stderr, so stdout stays clean for a pipe.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, NoReturn, TextIO

from analytics.indicators.engine import Engine, Result
from analytics.indicators.periods import parse_month
from analytics.loads import check

PROG = "assure compute"
CSV_COLUMNS = (
    "reference",
    "title",
    "unit",
    "period",
    "period_start",
    "period_end",
    "dimension",
    "category",
    "value",
    "numerator",
    "denominator",
    "computed",
    "definition_version",
)


class _UsageError(Exception):
    """Bad arguments; the message is printed on one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Compute every indicator from a folder of returns.")
    parser.add_argument("--data", required=True, type=Path, help="folder (or file) of returns")
    parser.add_argument("--la", required=True, help="3-digit local authority code, e.g. 880")
    parser.add_argument("--month", required=True, help="the month reported on, YYYY-MM")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--year", type=int, help="SSDA903 collection year, if not the files'")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def _progress(stream: TextIO):
    def show(stage: str, fraction: float) -> None:
        stream.write(f"[{fraction:>4.0%}] {stage}\n")
        stream.flush()

    return show


def _csv_rows(results: list[Result]) -> list[dict[str, Any]]:
    rows = []
    for result in results:
        whole = result.as_dict()
        rows.append({k: whole.get(k) for k in CSV_COLUMNS})
        for part in result.breakdowns:
            rows.append({**{k: whole.get(k) for k in CSV_COLUMNS}, **part})
    return rows


def _write(results: list[Result], args: argparse.Namespace, out: TextIO, extra: dict) -> None:
    if args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_csv_rows(results))
        return
    document = {**extra, "indicators": [r.as_dict() for r in results]}
    out.write(json.dumps(document, indent=2, default=str) + "\n")


def main(argv: list[str] | None = None) -> int:
    try:
        args = _build_parser().parse_args(argv)
        month = parse_month(args.month)
        if not args.data.exists():
            raise _UsageError(f"--data {args.data} does not exist")
    except (_UsageError, ValueError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    progress = _progress(sys.stderr) if not args.quiet else (lambda stage, fraction: None)
    validated, _, _ = check([args.data], args.la, args.year, progress)
    if not validated.report.accepted:
        for problem in validated.report.sorted_problems():
            print(problem, file=sys.stderr)
        print(f"{PROG}: the files were refused ({validated.report.summary()})", file=sys.stderr)
        return 1
    progress("Computing the indicators", 0.7)
    engine = Engine(validated.tables, args.la)
    try:
        results = engine.run_all(month)
    finally:
        engine.close()
    progress("Done", 1.0)
    extra = {
        "la": args.la,
        "month": args.month,
        "datasets": validated.datasets,
        "warnings": validated.report.warning_count,
    }
    _write(results, args, sys.stdout, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
