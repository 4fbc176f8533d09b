"""A whole partnership taken out: one Excel workbook, or a zip of CSV files with a data
dictionary. The sheets tables.py states are written as the import reads them (so a
workbook taken out can be brought back in); the rest (plans with every action and update,
risk reviews, meetings and their trackers, figures, audit summaries) are written for
reading, with what each column means in the dictionary. Nothing about a child is included.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name as xl_col

from assure.audits.models import AuditTool, CaseAudit
from assure.audits.queries import score_table
from assure.core import spreadsheets
from assure.core.models import Partnership
from assure.performance.models import Observation
from assure.performance.validation import OBSERVATION_COLUMNS
from assure.plans.models import Plan
from assure.transfer import plan_table, plan_workbook
from assure.transfer.tables import TABLES, show


@dataclass
class Sheet:
    name: str
    what: str
    columns: list[tuple[str, str]]  # heading, meaning
    rows: list[list[str]]
    imported: str  # how it comes back in
    choices: dict[int, list[str]] = field(default_factory=dict)  # column -> words it takes


def sheets(partnership: Partnership, with_rows: bool = True) -> list[Sheet]:
    """Every sheet with its rows; without rows, the tables the import reads (its template)."""
    found = [
        Sheet(
            t.sheet,
            t.what,
            [(c.heading, c.meaning) for c in t.columns],
            [[show(v) for v in t.values_of(r).values()] for r in t.records(partnership)]
            if with_rows
            else [],
            "Imported on Members and access > Import the partnership's tables, matched by "
            + " and ".join(c.heading for c in t.columns if c.key in t.key),
            {
                i: [str(label) for _, label in c.choices]
                for i, c in enumerate(t.columns)
                if c.kind == "choice"
            },
        )
        for t in TABLES
    ]
    if not with_rows:
        return found + [_actions_heading()]
    return found + [make(partnership) for make in READ_ONLY]


ACTION_COLUMNS = [("Plan", "The plan's title, as on the Plans sheet.")] + [
    (c.heading, c.meaning) for c in plan_table.COLUMNS
]


def _actions_heading() -> Sheet:
    return Sheet("Actions", "An action of a plan.", ACTION_COLUMNS, [], "With the Plans sheet")


def _actions(partnership: Partnership) -> Sheet:
    columns = ACTION_COLUMNS
    rows = []
    for plan in Plan.objects.filter(partnership=partnership).order_by("pk"):
        for values in plan_workbook.rows_of(plan):
            rows.append([plan.title] + [show(values[c.key]) for c in plan_table.COLUMNS])
    return Sheet(
        "Actions",
        "An action of a plan, as the plan table holds it.",
        columns,
        rows,
        "Imported a plan at a time: a plan's page > Import a plan table",
    )


def _figures(partnership: Partnership) -> Sheet:
    """In the figures file's own columns (docs/performance-files.md), so the workbook's
    import loads them through the same loader as Performance > Load figures."""
    meanings = {
        "indicator": "The indicator's reference.",
        "period": "2021-05 a month, 2021-Q1 a quarter, 2020/21 a year, YTD 2021-05, R12 2021-05.",
        "value": "In the indicator's unit; empty where there is none (the note says why).",
        "numerator": "",
        "denominator": "",
        "status": "provisional or final",
        "note": "A data-quality note.",
    }
    figures = (
        Observation.objects.filter(indicator__partnership=partnership)
        .select_related("indicator")
        .order_by("indicator__reference", "span", "period_end")
    )
    rows = [
        [
            o.indicator.reference,
            o.period.code,
            show(o.value),
            show(o.numerator),
            show(o.denominator),
            o.status,
            o.quality_note,
        ]
        for o in figures
    ]
    return Sheet(
        "Figures",
        "A figure of an indicator for a period.",
        [(c, meanings[c]) for c in OBSERVATION_COLUMNS],
        rows,
        "Imported with the workbook through the figures loader: a changed figure "
        "is a correction, the earlier kept",
    )


def _audits(partnership: Partnership) -> Sheet:
    columns = [
        ("Tool", ""),
        ("Month", ""),
        ("Completed", "Audits completed that month"),
        ("Domain", ""),
        ("Average", "Of the grades that count (agreed once moderated)"),
    ]
    rows = []
    for tool in AuditTool.objects.filter(partnership=partnership).order_by("pk"):
        months = sorted(
            set(
                CaseAudit.objects.filter(tool=tool, status=CaseAudit.Status.COMPLETED).values_list(
                    "month", flat=True
                )
            )
        )
        table = score_table(tool, months)
        for row in table.rows:
            for month, count, cell in zip(months, table.counts, row.cells, strict=True):
                rows.append(
                    [
                        tool.name,
                        show(month),
                        str(count),
                        f"{row.domain.number} {row.domain.title}",
                        show(cell.value),
                    ]
                )
    return Sheet(
        "Audit summaries",
        "Case audit grades by tool, month and domain (no child is named).",
        columns,
        rows,
        "Kept by the case audits in Assure",
    )


READ_ONLY: list[Callable[[Partnership], Sheet]] = [
    _actions,
    _figures,
    _audits,
]


def workbook(partnership: Partnership, with_rows: bool = True) -> bytes:
    """The export (with rows), or the template of the tables the import reads (without)."""
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"valign": "top"})
    taken = sheets(partnership, with_rows)
    about = book.add_worksheet("Instructions")
    about.set_column(0, 0, 22)
    about.set_column(1, 1, 100)
    title = (
        f"{partnership.name}, taken out of Assure on {dt.date.today():%-d %B %Y}"
        if with_rows
        else f"{partnership.name}: tables to fill and import on Members and access. Fill the "
        "sheets you need, a row each; rows are matched by their key columns."
    )
    spreadsheets.text(about, 0, 0, title, bold)
    for row, line in enumerate(dictionary_lines(taken), start=2):
        spreadsheets.texts(about, row, line, bold if len(line) == 1 else wrap)
    lists = book.add_worksheet("Lists")
    listed = 0
    for sheet in taken:
        page = book.add_worksheet(sheet.name[:31])
        for index, (heading, _) in enumerate(sheet.columns):
            spreadsheets.text(page, 0, index, heading, bold)
            page.set_column(index, index, 18)
        for index, words in sheet.choices.items():  # a coded column offers its words
            for place, word in enumerate(words):
                spreadsheets.text(lists, place, listed, word)
            cells = f"=Lists!${xl_col(listed)}$1:${xl_col(listed)}${len(words)}"
            page.data_validation(1, index, 9999, index, {"validate": "list", "source": cells})
            listed += 1
        for row, values in enumerate(sheet.rows, start=1):
            spreadsheets.texts(page, row, values)
        page.freeze_panes(1, 0)
    lists.hide()
    book.close()
    return output.getvalue()


def dictionary_lines(taken: list[Sheet]) -> list[list[str]]:
    lines: list[list[str]] = []
    for sheet in taken:
        lines.append([sheet.name])
        lines.append(["Each row", sheet.what])
        lines.append(["Comes back in", sheet.imported])
        lines += [[heading, meaning] for heading, meaning in sheet.columns]
        lines.append([])
    return lines


def csv_zip(partnership: Partnership) -> bytes:
    output = io.BytesIO()
    taken = sheets(partnership)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in taken:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([heading for heading, _ in sheet.columns])
            writer.writerows([spreadsheets.csv_cell(v) for v in row] for row in sheet.rows)
            archive.writestr(f"{sheet.name}.csv", "\ufeff" + text.getvalue())
        words = io.StringIO()
        writer = csv.writer(words)
        writer.writerow(["Table", "Column", "Meaning"])
        for sheet in taken:
            writer.writerow([sheet.name, "(each row)", sheet.what])
            writer.writerow([sheet.name, "(comes back in)", sheet.imported])
            for heading, meaning in sheet.columns:
                writer.writerow([sheet.name, heading, spreadsheets.csv_cell(meaning)])
        archive.writestr("data-dictionary.csv", "\ufeff" + words.getvalue())
    return output.getvalue()


def records_of(partnership: Partnership) -> dict[str, Any]:
    """Rows by sheet, for comparing two partnerships' exports."""
    return {s.name: sorted(s.rows) for s in sheets(partnership)}
