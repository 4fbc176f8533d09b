"""The exception report as files: a standalone HTML document, a tagged PDF (PDF/UA-1)
typeset by Typst, an editable Word document and an Excel workbook with a sheet per section. All
four print the sections of `exception_tables`, so they hold the same lines."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import xlsxwriter
from django.conf import settings
from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from assure.core import spreadsheets
from assure.reports import typeset
from assure.reports.document_tables import Table, word_table
from assure.reports.exception import ExceptionReport
from assure.reports.exception_tables import Section, sections
from assure.reports.word import FILLS

T = TypeVar("T")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Output(Generic[T]):
    """A format a document is written in: its label, content type and renderer."""

    label: str
    content_type: str
    render: Callable[[T], bytes]


def render_html(report: ExceptionReport) -> bytes:
    context = {"report": report, "sections": sections(report)}
    return render_to_string("reports/exception_document.html", context).encode()


def render_pdf(report: ExceptionReport) -> bytes:
    found = sections(report)
    summary = [
        [typeset.cell(s.heading, href=f"#{s.key}"), typeset.cell(str(s.count), figure=True)]
        for s in found
    ]
    running = f"{report.partnership} · exception report for {report.month_label}"
    blocks = [
        typeset.heading(report.title, 1),
        typeset.meta(running),
        typeset.paragraph(
            f"Reporting month {report.month_label} ({report.quarter_label}) · date of report "
            f"{report.report_date.day} {report.report_date:%B %Y}"
        ),
        typeset.table("Summary", ["Section", "Found"], summary),
    ]
    for section in found:
        blocks.append(typeset.heading(section.heading, 2, label=section.key))
        blocks.append(typeset.paragraph(section.note))
        blocks += [typeset.document_table(lines) for lines in section.tables]
    return typeset.document_pdf(f"{report.title}: {report.month_label}", running, blocks)


def landscape(document, title: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    section.header.paragraphs[0].text = title
    document.core_properties.title = title


def render_docx(report: ExceptionReport) -> bytes:
    document = Document()
    landscape(document, f"{report.title}, {report.month_label}")
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
            word_table(document, table)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


class _Workbook:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.head = book.add_format({"bold": True, "bg_color": "#F3F2F1", "border": 1})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.link = book.add_format(
            {"text_wrap": True, "valign": "top", "border": 1, "font_color": "blue", "underline": 1}
        )
        self.fills = {
            c: book.add_format({"bg_color": f"#{f}", "border": 1, "valign": "top"})
            for c, f in FILLS.items()
        }

    def table(self, sheet, row: int, table: Table) -> int:
        sheet.write(row, 0, table.caption, self.bold)
        sheet.write_row(row + 1, 0, table.header, self.head)
        row += 2
        for line in table.lines:
            for column, cell in enumerate(line.cells):
                style = self.fills.get(cell.colour or "", self.wrap)
                if column == 0 and line.href:
                    url = settings.ASSURE_BASE_URL.rstrip("/") + line.href
                    sheet.write_url(row, 0, url, self.link, cell.text)
                elif cell.value is not None and column in table.numeric:
                    sheet.write_number(row, column, cell.value, style)
                else:
                    sheet.write_string(row, column, cell.text, style)
            row += 1
        if not table.lines:
            sheet.write_string(row, 0, table.empty)
            row += 1
        return row + 1

    def section(self, section: Section, name: str) -> None:
        sheet = self.book.add_worksheet(name)
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 2, 30)
        sheet.set_column(3, 4, 40)
        sheet.write(0, 0, section.heading, self.title)
        sheet.write(1, 0, section.note)
        row = 3
        for table in section.tables:
            row = self.table(sheet, row, table)


SHEETS = {
    "reds": "Red ratings",
    "updates": "Overdue updates",
    "risks": "Risks 15 or more",
    "toolkits": "Toolkits",
    "audits": "Case audits",
}


def render_xlsx(report: ExceptionReport) -> bytes:
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    book.set_properties({"title": f"{report.title}, {report.month_label}"})
    writer = _Workbook(book)
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
        writer.section(section, SHEETS[section.key])
    book.close()
    return output.getvalue()


FORMATS: dict[str, Output[ExceptionReport]] = {
    "pdf": Output("PDF (A4, tagged for accessibility)", "application/pdf", render_pdf),
    "docx": Output("Word", DOCX, render_docx),
    "xlsx": Output("Excel (a sheet for each section)", XLSX, render_xlsx),
    "html": Output("HTML (a single file)", "text/html; charset=utf-8", render_html),
}
