"""The exception report for a month: every section, as the command line is an operator's."""

from __future__ import annotations

import argparse

from analytics.periods import month_argument
from assure.core.models import Partnership
from assure.reports.exception.files import FORMATS
from assure.reports.exception.model import exception_report


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--month", required=True, type=month_argument, help="reporting month, YYYY-MM")
    p.add_argument("--format", choices=sorted(FORMATS), default="html")


def write(partnership: Partnership, args: argparse.Namespace) -> str:
    report = exception_report(partnership, args.month)
    args.output.write_bytes(FORMATS[args.format].render(report))
    return f"Wrote the exception report for {report.month_label} to {args.output}"
