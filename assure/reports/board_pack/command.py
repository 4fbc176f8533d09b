"""A meeting's board pack: agenda, minutes of the last meeting, tracker, highlight report."""

from __future__ import annotations

import argparse

from analytics.periods import day_argument, month_argument
from assure.core.models import Partnership
from assure.meetings.queries import meetings_of
from assure.reports.board_pack.files import FORMATS
from assure.reports.board_pack.model import board_pack


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--meeting", required=True, type=int, help="the meeting's id")
    p.add_argument(
        "--month",
        type=month_argument,
        help="reporting month, YYYY-MM (default: the latest with figures before the meeting)",
    )
    p.add_argument(
        "--as-at",
        type=day_argument,
        help="date of the report, YYYY-MM-DD (default: the meeting's, or today if it is to come)",
    )
    p.add_argument("--format", choices=sorted(FORMATS), default="pdf")


def write(partnership: Partnership, args: argparse.Namespace) -> str:
    meeting = meetings_of(partnership).filter(pk=args.meeting).first()
    if meeting is None:
        recent = meetings_of(partnership).order_by("-held_on")[:10]
        known = "; ".join(f"{m.pk} ({m})" for m in recent) or "none"
        raise LookupError(
            f"no meeting {args.meeting} in {partnership.slug}; recent meetings: {known}."
        )
    pack = board_pack(partnership, meeting, month=args.month, as_at=args.as_at)
    args.output.write_bytes(FORMATS[args.format].render(pack))
    return (
        f"Wrote the board pack for {meeting}, reporting on {pack.month_label}, as at "
        f"{pack.as_at:%-d %B %Y}, to {args.output}"
    )
