"""The highlight report as a tagged PDF (PDF/UA-1), typeset by Typst (`assure.documents.pdf`):
A4 landscape, page numbers, a running header and table headings repeated on every page.

The report is a list of the documents' blocks (headings, text, tables of the documents' one
table model, the same grids Word and Excel write), printed by the one template every report
uses; each trend chart goes as its SVG with its words as alternative text. A board pack
prints the same blocks inside itself, a level down.
"""

from __future__ import annotations

from assure.documents import pdf
from assure.documents.model import Cell, Table
from assure.reports.highlight.html import document_context
from assure.reports.highlight.model import HighlightReport, Rating

# Column widths by the grid's kind: the leading columns fixed, the rest sharing what is left.
WIDTHS = {
    "commitments": ["5%", "62%", "19%"],
    "risks": ["4%", "6%", "25%", "28%", "7%", "12%"],
    "guidance": ["10%"],
    "actions": ["6%", "26%", "30%", "14%"],
    "performance": ["3%", "14%", "7%", "1fr", "7.5%"],
    "signals": ["5%", "47.5%"],
    "months": ["3%", "21%"],
}
DENSE = 7.5  # points: the performance tables, their months side by side


def _rating(rating: Rating | None) -> Cell:
    if rating is None:
        return Cell("No rating")
    linked = rating.colour in ("red", "amber")
    return Cell(rating.text, rating.colour, href=rating.href if linked else "")


def _grid(grid: Table, size: float | None = None) -> pdf.Block:
    widths = WIDTHS.get(grid.kind, [])[: len(grid.header)]
    return pdf.table(grid, widths + ["1fr"] * (len(grid.header) - len(widths)), size)


def blocks(report: HighlightReport, level: int = 1) -> list[pdf.Block]:
    """The report's blocks; headings start at `level` (1 alone, 2 inside a board pack)."""
    context = document_context(report)
    shown = [
        pdf.heading(report.title, level, page=level > 1),
        pdf.meta(running(report)),
        pdf.facts(
            [
                (
                    "Senior responsible officer",
                    Cell(report.senior_responsible_officer or "Not recorded"),
                ),
                ("Reporting month", Cell(report.month_label)),
                ("Date of report", Cell(f"{report.report_date.day} {report.report_date:%B %Y}")),
                ("Overall status", _rating(report.status)),
            ]
        ),
        pdf.heading("Overall progress", level + 1),
        pdf.paragraph(report.narrative or "No overall progress narrative for this period."),
    ]
    shown += [_grid(grid) for grid in context["summary"]]  # type: ignore[attr-defined]
    for theme, tables, actions in context["themes"]:  # type: ignore[attr-defined]
        shown += [
            pdf.heading(f"{theme.code} {theme.title}", level + 1, page=True),
            pdf.heading("Overview", level + 2, rating=_rating(theme.rating)),
            pdf.paragraph(theme.narrative or "No overview for this period."),
        ]
        if not tables:
            shown.append(pdf.paragraph("No performance measures are linked to this theme."))
        for measures in tables:
            shown.append(_grid(measures.grid, DENSE))
            if measures.notes:
                shown.append(pdf.heading("Data checks and issues", level + 2))
                shown += [pdf.paragraph(text, lead=refs) for refs, text in measures.notes]
            shown += [_grid(grid, DENSE) for grid in measures.earlier]
            if measures.signals is not None:
                shown.append(_grid(measures.signals, DENSE))
        shown.append(_grid(actions))
    return shown


def running(report: HighlightReport) -> str:
    return f"{report.partnership} · {report.plan} · highlight report for {report.month_label}"


def render_pdf(report: HighlightReport) -> bytes:
    title = f"{report.title}: {report.month_label}"
    return pdf.document_pdf(title, running(report), blocks(report))
