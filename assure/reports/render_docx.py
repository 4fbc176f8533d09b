"""The highlight report as an editable Word document for committee papers: headings for each
section and theme, real tables with repeating heading rows, RAG cells shaded and named, and
each measure's trend chart as a picture (PNG from the same SVG the PDF shows) with its words
as the picture's alternative text."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from assure.reports.grid import Grid, actions_grid, performance_grid, summary_grids
from assure.reports.highlight import HighlightReport
from assure.reports.trend_charts import TrendChart, png
from assure.reports.word import FILLS, repeat_heading, shade


def _picture(cell, chart: TrendChart) -> None:
    run = cell.paragraphs[0].add_run()
    shape = run.add_picture(io.BytesIO(png(chart.svg)), width=Cm(2.2))
    shape._inline.docPr.set("descr", chart.text)  # the picture's alternative text


def _table(document, grid: Grid, size: float = 8) -> None:
    document.add_heading(grid.caption, level=3)
    table = document.add_table(rows=1, cols=len(grid.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, grid.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    repeat_heading(table.rows[0])
    for row in grid.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value.text
            if value.chart is not None:
                _picture(cell, value.chart)
            if value.colour in FILLS:
                shade(cell, value.colour)
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(size)


def _landscape(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    section.header.paragraphs[0].text = document.core_properties.title


def render_docx(report: HighlightReport) -> bytes:
    document = Document()
    document.core_properties.title = f"{report.title}, {report.month_label}"
    _landscape(document)
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
        _table(document, grid)
    for theme in report.themes:
        document.add_page_break()
        document.add_heading(f"{theme.code} {theme.title}", level=1)
        rating = theme.rating.label if theme.rating else "No rating"
        document.add_heading(f"Overview: {rating}", level=2)
        document.add_paragraph(theme.narrative or "No overview for this period.")
        for table in theme.tables:
            _table(document, performance_grid(table, theme.charts), size=6)
        _table(document, actions_grid(report, theme))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
