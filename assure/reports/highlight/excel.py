"""The highlight report as an Excel workbook: a Summary sheet, then one sheet per theme with
its overview, performance tables (each with its data checks and its measures' SPC icons
and their words) and key actions. RAG words are coloured by conditional
formatting, so a rating typed in later colours itself; rated figures are filled directly. Each
measure's trend chart is a picture in its row (PNG from the same SVG the PDF shows), with the
chart's words as its alternative text."""

from __future__ import annotations

import io

from assure.core import spreadsheets
from assure.documents.excel import Writer, sheet_name
from assure.reports.highlight.html import measures
from assure.reports.highlight.model import HighlightReport
from assure.reports.highlight.tables import actions_grid, summary_grids


def _summary(writer: Writer, report: HighlightReport) -> None:
    sheet = writer.book.add_worksheet("Summary")
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 4, 40)
    sheet.write(0, 0, report.title, writer.title)
    facts = [
        ("Partnership", report.partnership),
        ("Reporting month", report.month_label),
        ("Senior responsible officer", report.senior_responsible_officer),
        ("Date of report", f"{report.report_date:%-d %B %Y}"),
        ("Overall status", report.status.text if report.status else "No rating"),
        ("Overall progress", report.narrative),
    ]
    for r, (label, value) in enumerate(facts, start=2):
        sheet.write(r, 0, label, writer.bold)
        spreadsheets.text(sheet, r, 1, value or "", writer.wrap)
    writer.rating_words(sheet, 6, 6, 1)
    row = len(facts) + 3
    for grid in summary_grids(report):
        row = writer.table(sheet, row, grid)


def render_xlsx(report: HighlightReport) -> bytes:
    buffer = io.BytesIO()
    workbook = spreadsheets.workbook(buffer)
    writer = Writer(workbook)
    _summary(writer, report)
    used = {"Summary"}
    for theme in report.themes:
        sheet = workbook.add_worksheet(sheet_name(f"{theme.code} {theme.title}", used))
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 45)
        sheet.set_column(2, 30, 11)
        sheet.set_column(2, 2, 17)  # the trend charts of the performance tables
        sheet.write(0, 0, f"{theme.code} {theme.title}", writer.title)
        sheet.write(2, 0, "Overview RAG", writer.bold)
        sheet.write(2, 1, theme.rating.text if theme.rating else "No rating", writer.wrap)
        writer.rating_words(sheet, 2, 2, 1)
        sheet.write(3, 0, "Overview", writer.bold)
        spreadsheets.text(sheet, 3, 1, theme.narrative or "", writer.wrap)
        row = 5
        for shown in measures(report, theme):
            row = writer.table(sheet, row, shown.grid)
            for references, text in shown.notes:
                spreadsheets.text(sheet, row, 0, references, writer.bold)
                spreadsheets.text(sheet, row, 1, text)
                row += 1
            row += bool(shown.notes)
            for grid in shown.earlier:
                row = writer.table(sheet, row, grid)
            if shown.signals is not None:
                row = writer.table(sheet, row, shown.signals)
        writer.table(sheet, row, actions_grid(report, theme))
    workbook.close()
    return buffer.getvalue()
