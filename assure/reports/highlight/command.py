"""The highlight report of a plan for a month."""

from __future__ import annotations

import argparse

from analytics.periods import month_argument
from assure.core.models import Partnership
from assure.plans.queries import plans_of
from assure.reports.highlight.formats import RENDERERS
from assure.reports.highlight.model import current_plan, highlight_report

FORMATS = RENDERERS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", type=int, help="the plan's id (default: current improvement plan)")
    p.add_argument("--month", required=True, type=month_argument, help="reporting month, YYYY-MM")
    p.add_argument("--format", choices=sorted(FORMATS), default="html")


def write(partnership: Partnership, args: argparse.Namespace) -> str:
    plans = plans_of(partnership)
    plan = current_plan(partnership) if args.plan is None else plans.filter(pk=args.plan).first()
    if plan is None:
        known = ", ".join(f"{p.pk} ({p.title})" for p in plans) or "none"
        raise LookupError(f"no such plan in {partnership.slug}; plans: {known}.")
    report = highlight_report(partnership, plan, args.month)
    args.output.write_bytes(FORMATS[args.format].render(report))
    return f"Wrote the {plan.title} highlight report for {report.month_label} to {args.output}"
