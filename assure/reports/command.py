"""`assure report highlight`: a highlight report written to a file from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.periods import month_argument
from assure.core.models import Partnership
from assure.plans.queries import plans_of
from assure.reports.formats import RENDERERS
from assure.reports.highlight import current_plan, highlight_report


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assure report", description=__doc__)
    p.add_argument("report", choices=["highlight"])
    p.add_argument("--partnership", required=True, help="the partnership's slug, e.g. torbay")
    p.add_argument("--plan", type=int, help="the plan's id (default: current improvement plan)")
    p.add_argument("--month", required=True, type=month_argument, help="reporting month, YYYY-MM")
    p.add_argument("--format", choices=sorted(RENDERERS), default="html")
    p.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    return p


def main(argv: list[str]) -> int:
    if argv[:1] == ["annual"]:  # its own options: see assure.reports.annual_command
        from assure.reports.annual_command import main as annual_main

        return annual_main(argv[1:])
    if argv[:1] in (["exception"], ["board-pack"]):  # see assure.reports.pack_command
        from assure.reports.pack_command import main as pack_main

        return pack_main(argv[0], argv[1:])
    args = parser().parse_args(argv)
    partnership = Partnership.objects.filter(slug=args.partnership).first()
    if partnership is None:
        print(f"assure report: no partnership '{args.partnership}'.", file=sys.stderr)
        return 1
    plans = plans_of(partnership)
    plan = current_plan(partnership) if args.plan is None else plans.filter(pk=args.plan).first()
    if plan is None:
        known = ", ".join(f"{p.pk} ({p.title})" for p in plans) or "none"
        print(
            f"assure report: no such plan in {partnership.slug}; plans: {known}.", file=sys.stderr
        )
        return 1
    report = highlight_report(partnership, plan, args.month)
    args.output.write_bytes(RENDERERS[args.format].render(report))
    print(f"Wrote the {plan.title} highlight report for {report.month_label} to {args.output}")
    return 0
