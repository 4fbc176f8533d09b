"""`assure report exception` and `assure report board-pack`: the exception report for a
month, and a meeting's board pack, written to a file from the command line. The command line
is an operator's tool, so the exception report holds every section."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.periods import month_argument
from assure.core.models import Partnership
from assure.meetings.queries import meetings_of
from assure.reports.board_pack import board_pack
from assure.reports.board_pack_files import FORMATS as PACK_FORMATS
from assure.reports.exception import exception_report
from assure.reports.exception_files import FORMATS as EXCEPTION_FORMATS


def _parser(report: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"assure report {report}", description=__doc__)
    p.add_argument("--partnership", required=True, help="the partnership's slug, e.g. torbay")
    if report == "exception":
        p.add_argument(
            "--month", required=True, type=month_argument, help="reporting month, YYYY-MM"
        )
        p.add_argument("--format", choices=sorted(EXCEPTION_FORMATS), default="html")
    else:
        p.add_argument("--meeting", required=True, type=int, help="the meeting's id")
        p.add_argument("--format", choices=sorted(PACK_FORMATS), default="pdf")
    p.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    return p


def _exception(partnership: Partnership, args: argparse.Namespace) -> str:
    report = exception_report(partnership, args.month)
    args.output.write_bytes(EXCEPTION_FORMATS[args.format].render(report))
    return f"Wrote the exception report for {report.month_label} to {args.output}"


def _board_pack(partnership: Partnership, args: argparse.Namespace) -> str | None:
    meeting = meetings_of(partnership).filter(pk=args.meeting).first()
    if meeting is None:
        recent = meetings_of(partnership).order_by("-held_on")[:10]
        known = "; ".join(f"{m.pk} ({m})" for m in recent) or "none"
        print(
            f"assure report: no meeting {args.meeting} in {partnership.slug}; "
            f"recent meetings: {known}.",
            file=sys.stderr,
        )
        return None
    pack = board_pack(partnership, meeting)
    args.output.write_bytes(PACK_FORMATS[args.format].render(pack))
    return f"Wrote the board pack for {meeting} to {args.output}"


def main(report: str, argv: list[str]) -> int:
    """`report` is "exception" or "board-pack"; `argv` the options after it."""
    args = _parser(report).parse_args(argv)
    partnership = Partnership.objects.filter(slug=args.partnership).first()
    if partnership is None:
        print(f"assure report: no partnership '{args.partnership}'.", file=sys.stderr)
        return 1
    write = _exception if report == "exception" else _board_pack
    done = write(partnership, args)
    if done is None:
        return 1
    print(done)
    return 0
