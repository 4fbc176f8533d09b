"""The annual report as an editable Word document: the file a business manager edits and
publishes. Headings for each section, real tables with a repeating heading row, RAG cells
shaded and named; the public version says how small numbers were suppressed."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from assure.reports.annual import AnnualReport
from assure.reports.annual_tables import Section, Table
from assure.reports.word import FILLS, repeat_heading, shade


def _table(document, table: Table) -> None:
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    repeat_heading(grid.rows[0])
    for row in table.rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = value.text
            if value.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if value.colour in FILLS:
                shade(cell, value.colour)
    for row in grid.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
    for note in table.notes:
        document.add_paragraph(note).runs[0].font.size = Pt(8)


def _section(document, section: Section, level: int) -> None:
    document.add_heading(section.heading, level=level)
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)
    for table in section.tables:
        _table(document, table)
    for sub in section.subsections:
        _section(document, sub, level + 1)


def render_annual_docx(report: AnnualReport) -> bytes:
    document = Document()
    document.core_properties.title = f"{report.title} ({report.version_label})"
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    section.header.paragraphs[0].text = f"{report.title} · {report.version_label}"
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.version_label)
    for part in report.sections:
        _section(document, part, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
