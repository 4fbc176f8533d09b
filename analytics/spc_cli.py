"""The ``assure spc`` command: analyse a comma-separated series and print the result as JSON.

Exit status 0 with JSON (indent 2) on stdout; 2 with one line on stderr for bad input. An empty
item (``12,,15``) or ``n/a`` is a missing value: kept in the output as null, never read as zero.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import NoReturn

from analytics.spc import analyse
from analytics.vocabulary import Polarity

PROG = "assure spc"
MISSING = ("", "n/a")


class _UsageError(Exception):
    """Bad input; the message is printed on one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Statistical process control (XmR chart, NHS Making Data Count rules).",
        epilog="Series starting with a negative number need --values=-1,2,3.",
    )
    parser.add_argument(
        "--values", required=True, help="comma-separated numbers; empty item or n/a = missing"
    )
    parser.add_argument("--target", type=float, help="target, for the assurance icon")
    parser.add_argument(
        "--polarity", choices=Polarity.values, default=Polarity.NONE, help="better direction"
    )
    parser.add_argument("--baseline", type=int, help="lock the limits to the first N points")
    parser.add_argument("--run-length", type=int, default=7, help="points in a shift or trend")
    parser.add_argument("--two-sigma", action="store_true", help="flag any point beyond 2 sigma")
    parser.add_argument(
        "--screen-outliers", action="store_true", help="drop moving ranges above 3.267 x mean"
    )
    return parser


def parse_values(text: str) -> list[float | None]:
    """Numbers from ``text``; None for an empty item or n/a. Raises _UsageError otherwise."""
    values: list[float | None] = []
    for position, item in enumerate(text.split(","), start=1):
        cleaned = item.strip()
        if cleaned.lower() in MISSING:
            values.append(None)
            continue
        try:
            number = float(cleaned)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise _UsageError(
                f"--values item {position} is not a number: {cleaned!r} "
                "(use an empty item or n/a for a missing value)"
            )
        values.append(number)
    if sum(value is not None for value in values) < 2:
        raise _UsageError("--values needs at least 2 numbers")
    return values


def main(argv: list[str] | None = None) -> int:
    """Run ``assure spc`` with ``argv`` (the arguments after ``spc``); return the exit status."""
    try:
        args = _build_parser().parse_args(argv)
        result = analyse(
            parse_values(args.values),
            polarity=args.polarity,
            target=args.target,
            baseline=args.baseline,
            run_length=args.run_length,
            screen_outliers=args.screen_outliers,
            two_sigma=args.two_sigma,
        )
    except (_UsageError, ValueError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    print(json.dumps(result.as_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
