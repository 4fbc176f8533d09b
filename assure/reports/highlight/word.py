"""The highlight report as an editable Word document for committee papers: headings for each
section and theme, real tables with repeating heading rows, RAG cells shaded and named, and
each measure's trend chart as a picture (PNG from the same SVG the PDF shows) with its words
as the picture's alternative text."""

from __future__ import annotations

from docx import Document

from assure.documents import word
from assure.reports.highlight.model import HighlightReport
from assure.reports.highlight.tables import actions_grid, performance_grid, summary_grids


def render_docx(report: HighlightReport) -> bytes:
    document = Document()
    word.landscape(document, f"{report.title}, {report.month_label}")
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.partnership} · reporting month {report.month_label}")
    facts = [
        ("Senior responsible officer", report.senior_responsible_officer or "Not recorded"),
        ("Date of report", f"{report.report_date:%-d %B %Y}"),
        ("Overall status", report.status.label if report.status else "No rating"),
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
        rating = theme.rating.label if theme.rating else "No rating"
        document.add_heading(f"Overview: {rating}", level=2)
        document.add_paragraph(theme.narrative or "No overview for this period.")
        for table in theme.tables:
            word.table(document, performance_grid(table, theme.charts), size=6)
        word.table(document, actions_grid(report, theme))
    return word.saved(document)
