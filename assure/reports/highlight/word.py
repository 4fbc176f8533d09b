"""The highlight report as an editable Word document for committee papers: headings for each
section and theme, real tables with repeating heading rows, RAG cells shaded and named, and
each measure's trend chart as a picture (PNG from the same SVG the PDF shows) with its words
as the picture's alternative text."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from docx import Document
from docx.shared import Cm

from assure.documents import word
from assure.documents.model import Table
from assure.reports.highlight.html import measures
from assure.reports.highlight.model import HighlightReport
from assure.reports.highlight.tables import actions_grid, summary_grids

ICON_CM = 0.45


def _icons(document: Any, grid: Table) -> None:
    """Each SPC icon as a small picture before its words, in the table just written (its
    heading row first); the icon's words are its alternative text."""
    written = document.tables[-1]
    for cells, row in zip(written.rows[1:], grid.rows, strict=False):
        for cell, found in zip(cells.cells, row, strict=True):
            if found.icon is None:
                continue
            paragraph = cell.paragraphs[0]
            run = paragraph.runs[0]._r if paragraph.runs else None
            picture = paragraph.add_run()
            shape = picture.add_picture(io.BytesIO(word.png(found.icon.svg)), width=Cm(ICON_CM))
            shape._inline.docPr.set("descr", found.icon.text)
            if run is not None:
                run.addprevious(picture._r)  # before the words
            picture.add_text(" ")


def render_docx(report: HighlightReport) -> bytes:
    document = Document()
    word.landscape(document, f"{report.title}, {report.month_label}")
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.partnership} · reporting month {report.month_label}")
    facts = [
        ("Senior responsible officer", report.senior_responsible_officer or "Not recorded"),
        ("Date of report", f"{report.report_date:%-d %B %Y}"),
        ("Overall status", report.status.text if report.status else "No rating"),
    ]
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_heading("Overall progress", level=1)
    document.add_paragraph(report.narrative or "No overall progress narrative for this period.")
    for grid in summary_grids(report):
        word.table(document, grid)
    for theme in report.themes:
        document.add_page_break()
        document.add_heading(f"{theme.code} {theme.title}", level=1)
        rating = theme.rating.text if theme.rating else "No rating"
        document.add_heading(f"Overview: {rating}", level=2)
        document.add_paragraph(theme.narrative or "No overview for this period.")
        for shown in measures(report, theme):
            notes = [f"{references}: {text}" for references, text in shown.notes]
            word.table(document, replace(shown.grid, notes=notes), size=6)
            for grid in shown.earlier:
                word.table(document, grid, size=6)
            if shown.signals is not None:
                word.table(document, shown.signals, size=7)
                _icons(document, shown.signals)
        word.table(document, actions_grid(report, theme))
    return word.saved(document)
