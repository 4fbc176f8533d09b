"""The annual report as an editable Word document: the file a business manager edits and
publishes. Headings for each section, real tables with a repeating heading row, RAG cells
shaded and named; the public version says how small numbers were suppressed."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm

from assure.documents import word
from assure.reports.annual.model import AnnualReport
from assure.reports.annual.tables import Section


def _section(document, section: Section, level: int) -> None:
    document.add_heading(section.heading, level=level)
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)
    for table in section.tables:
        word.table(document, table, level=None)
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
