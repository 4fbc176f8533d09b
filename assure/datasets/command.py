"""The `assure load` command: validate and keep returns for a partnership, from the shell.

    assure load --partnership SLUG [--year YYYY] [--as USERNAME] DIR|FILE ...

Prints progress as it goes, then the validation report. Exit status 0 when the files were
kept (or had been already), 1 when they were refused, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from django.contrib.auth import get_user_model

from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.datasets import services

PROG = "assure load"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Validate and keep returns.")
    parser.add_argument("--partnership", required=True, help="the partnership's slug")
    parser.add_argument("--year", type=int, help="SSDA903 collection year, if not the files'")
    parser.add_argument("--as", dest="username", help="the analyst loading (for the record)")
    parser.add_argument("paths", nargs="+", type=Path, help="folders or files of returns")
    return parser


def _show(stage: str, fraction: float) -> None:
    width = 30
    done = int(fraction * width)
    sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {fraction:>4.0%} {stage:<50}")
    sys.stderr.flush()


def _print_report(load) -> None:
    for problem in load.report.get("problems", []):
        where = problem["file"] + (f", row {problem['row']}" if problem["row"] else "")
        where += f", column {problem['column']}" if problem["column"] else ""
        print(f"{problem['severity'].upper()} {where}: {problem['message']}")
    for more in load.report.get("not_shown", []):
        print(f"... and {more['more']} more {more['rule']} in {more['file']} {more['column']}")
    print(
        f"{load.get_status_display()}: {load.fatal_count} fatal problems, "
        f"{load.warning_count} warnings"
        + (
            f"; snapshot {load.snapshot_id}, {load.observations} figures computed"
            if load.snapshot_id
            else ""
        )
    )


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 2
    partnership = Partnership.objects.filter(slug=args.partnership).first()
    if partnership is None:
        print(f"{PROG}: no partnership '{args.partnership}'", file=sys.stderr)
        return 2
    actor = (
        get_user_model().objects.filter(username=args.username).first() if args.username else None
    )
    try:
        load = services.start_paths(actor, partnership, args.paths, args.year)
    except DomainError as error:
        print(f"{PROG}: {error.message}", file=sys.stderr)
        return 2
    try:
        load = services.run(load.pk, actor, _show)
    except Exception as error:  # noqa: BLE001 - the load's row says it failed; so do we
        print(f"\n{PROG}: the load failed: {error}", file=sys.stderr)
        return 1
    sys.stderr.write("\n")
    _print_report(load)
    return 0 if load.snapshot_id else 1
