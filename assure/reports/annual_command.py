"""`assure report annual`: the partnership's annual report for a financial year, written to a
file (internal by default; --public suppresses small numbers of children, for publishing)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.periods import parse_financial_year
from assure.core.models import Partnership
from assure.reports.annual import annual_report
from assure.reports.render_annual import ANNUAL_FORMATS


def _year(text: str) -> int:
    try:
        return parse_financial_year(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error}, e.g. 2021-22") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assure report annual", description=__doc__)
    p.add_argument("--partnership", required=True, help="the partnership's slug, e.g. torbay")
    p.add_argument("--year", required=True, type=_year, help="financial year, e.g. 2021-22")
    p.add_argument("--public", action="store_true", help="suppress small numbers (1 to 5) as c")
    p.add_argument("--format", choices=sorted(ANNUAL_FORMATS), default="html")
    p.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
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
    report = annual_report(partnership, args.year, public=args.public)
    args.output.write_bytes(ANNUAL_FORMATS[args.format].render(report))
    print(f"Wrote the {report.version} annual report {report.year_label} to {args.output}")
    return 0
