"""The exception report as files: a standalone HTML document, a tagged PDF (PDF/UA-1)
typeset by Typst, an editable Word document and an Excel workbook with a sheet per section. All
four print the sections of `exception_tables`, so they hold the same lines."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from docx import Document

from assure.core import spreadsheets
from assure.documents import pdf as typeset
from assure.documents import word
from assure.documents.excel import XLSX, Writer
from assure.documents.files import Output
from assure.documents.model import Cell, Table
from assure.documents.word import DOCX
from assure.reports.exception.model import ExceptionReport
from assure.reports.exception.tables import Section, sections


def render_html(report: ExceptionReport) -> bytes:
    context = {"report": report, "sections": sections(report)}
    return render_to_string("reports/exception_document.html", context).encode()


def render_pdf(report: ExceptionReport) -> bytes:
    found = sections(report)
    summary = Table(
        "Summary",
        ["Section", "Found"],
        [[Cell(s.heading, href=f"#{s.key}"), Cell(str(s.count), numeric=True)] for s in found],
    )
    running = f"{report.partnership} · exception report for {report.month_label}"
    blocks = [
        typeset.heading(report.title, 1),
        typeset.meta(running),
        typeset.paragraph(
            f"Reporting month {report.month_label} ({report.quarter_label}) · date of report "
            f"{report.report_date.day} {report.report_date:%B %Y}"
        ),
        typeset.table(summary),
    ]
    for section in found:
        blocks.append(typeset.heading(section.heading, 2, label=section.key))
        blocks.append(typeset.paragraph(section.note))
        blocks += [typeset.table(table) for table in section.tables]
    return typeset.document_pdf(f"{report.title}: {report.month_label}", running, blocks)


def render_docx(report: ExceptionReport) -> bytes:
    document = Document()
    word.landscape(document, f"{report.title}, {report.month_label}")
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        f"Reporting month {report.month_label} ({report.quarter_label}) · "
        f"date of report {report.report_date:%-d %B %Y}"
    )
    found = sections(report)
    document.add_heading("Summary", level=1)
    for section in found:
        document.add_paragraph(f"{section.heading}: {section.count}", style="List Bullet")
    for section in found:
        document.add_heading(section.heading, level=1)
        document.add_paragraph(section.note)
        for table in section.tables:
            word.table(document, table, size=8.5)
    return word.saved(document)


def _section(writer: Writer, section: Section, name: str) -> None:
    sheet = writer.book.add_worksheet(name)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 2, 30)
    sheet.set_column(3, 4, 40)
    spreadsheets.text(sheet, 0, 0, section.heading, writer.title)
    spreadsheets.text(sheet, 1, 0, section.note)
    row = 3
    for table in section.tables:
        row = writer.table(sheet, row, table)


SHEETS = {
    "reds": "Red ratings",
    "updates": "Overdue updates",
    "risks": "Risks 15 or more",
    "toolkits": "Toolkits",
    "audits": "Case audits",
    "reviews": "Case reviews",
    "returns": "Self-assessments",
}


def render_xlsx(report: ExceptionReport) -> bytes:
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    book.set_properties({"title": f"{report.title}, {report.month_label}"})
    writer = Writer(book)
    found = sections(report)
    summary = book.add_worksheet("Summary")
    summary.set_column(0, 0, 40)
    summary.write(0, 0, report.title, writer.title)
    summary.write(1, 0, f"Reporting month {report.month_label}")
    summary.write(2, 0, f"Date of report {report.report_date:%-d %B %Y}")
    summary.write_row(4, 0, ["Section", "Found"], writer.head)
    for row, section in enumerate(found, start=5):
        summary.write_string(row, 0, section.heading, writer.wrap)
        summary.write_number(row, 1, section.count or 0, writer.wrap)
    for section in found:
        _section(writer, section, SHEETS[section.key])
    book.close()
    return output.getvalue()


FORMATS: dict[str, Output[ExceptionReport]] = {
    "pdf": Output("PDF (A4, tagged for accessibility)", "application/pdf", render_pdf),
    "docx": Output("Word", DOCX, render_docx),
    "xlsx": Output("Excel (a sheet for each section)", XLSX, render_xlsx),
    "html": Output("HTML (a single file)", "text/html; charset=utf-8", render_html),
}
