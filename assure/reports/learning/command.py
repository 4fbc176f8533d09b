"""The learning themes across the partnership, year by year and source by source."""

from __future__ import annotations

import argparse

from assure.core.models import Partnership
from assure.documents import excel, word
from assure.reports.learning.model import learning_report

FORMATS = {"docx": word.one_table, "xlsx": excel.one_table}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=sorted(FORMATS), default="docx")


def write(partnership: Partnership, args: argparse.Namespace) -> str:
    report = learning_report(partnership)
    args.output.write_bytes(FORMATS[args.format](report.table()))
    return f"Wrote the learning themes ({len(report.rows)}) to {args.output}"
