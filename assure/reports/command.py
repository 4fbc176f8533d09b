"""`assure report KIND`: a report written to a file from the command line, in any format its
pages offer. Each kind states its own options in its folder's command.py (add_arguments,
write); this is the one command over them all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

from assure.core.models import Partnership
from assure.reports.annual import command as annual
from assure.reports.board_pack import command as board_pack
from assure.reports.exception import command as exception
from assure.reports.highlight import command as highlight
from assure.reports.learning import command as learning

KINDS: dict[str, ModuleType] = {
    "highlight": highlight,
    "exception": exception,
    "board-pack": board_pack,
    "annual": annual,
    "learning": learning,
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assure report", description=__doc__)
    kinds = p.add_subparsers(dest="report", required=True, metavar="KIND")
    for kind, module in KINDS.items():
        summary = (module.__doc__ or "").strip().split("\n")[0]
        one = kinds.add_parser(kind, help=summary, description=module.__doc__)
        one.add_argument("--partnership", required=True, help="the partnership's slug, e.g. torbay")
        module.add_arguments(one)
        one.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    partnership = Partnership.objects.filter(slug=args.partnership).first()
    if partnership is None:
        known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none"
        print(
            f"assure report: no partnership '{args.partnership}'; partnerships: {known}.",
            file=sys.stderr,
        )
        return 1
    try:
        done = KINDS[args.report].write(partnership, args)
    except LookupError as missing:
        print(f"assure report: {missing}", file=sys.stderr)
        return 1
    print(done)
    return 0
