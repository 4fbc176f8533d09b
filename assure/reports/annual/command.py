"""The annual report for a financial year: internal by default; --public suppresses small
numbers of children, for publishing."""

from __future__ import annotations

import argparse

from analytics.periods import parse_financial_year
from assure.core.models import Partnership
from assure.reports.annual.files import ANNUAL_FORMATS as FORMATS
from assure.reports.annual.model import annual_report


def _year(text: str) -> int:
    try:
        return parse_financial_year(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error}, e.g. 2021-22") from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", required=True, type=_year, help="financial year, e.g. 2021-22")
    p.add_argument("--public", action="store_true", help="suppress small numbers (1 to 5) as c")
    p.add_argument("--format", choices=sorted(FORMATS), default="html")


def write(partnership: Partnership, args: argparse.Namespace) -> str:
    report = annual_report(partnership, args.year, public=args.public)
    args.output.write_bytes(FORMATS[args.format].render(report))
    return f"Wrote the {report.version} annual report {report.year_label} to {args.output}"
