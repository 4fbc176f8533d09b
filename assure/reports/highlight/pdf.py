"""The highlight report as a tagged PDF (PDF/UA-1), typeset by Typst (`assure.documents.pdf`):
A4 landscape, page numbers, a running header and table headings repeated on every page.

The report's grids (`reports.grid`, the same ones Word and Excel write) go to the template
`typst/highlight.typ` as data; each trend chart goes as its SVG with its words as
alternative text. Typst lays out the Torbay report in under half a second, where WeasyPrint
took over three (decision 0019). A board pack prints the same data inside itself.
"""

from __future__ import annotations

from typing import Any

from assure.documents import pdf
from assure.documents.model import Table
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


def _rating(rating: Rating | None) -> dict[str, str] | None:
    if rating is None:
        return None
    linked = rating.colour in ("red", "amber")
    return {"label": rating.text, "colour": rating.colour, "href": rating.href if linked else ""}


def _grid(grid: Table, columns: int | None = None) -> dict[str, Any]:
    columns = columns or len(grid.header)
    widths = WIDTHS.get(grid.kind, [])[:columns]
    shown = pdf.table(grid, widths + ["1fr"] * (columns - len(widths)))
    for cells, row in zip(shown["rows"], grid.rows, strict=True):
        for cell, found in zip(cells, row, strict=True):
            if found.icon is not None:  # drawn before its words (print.typ's cell-of)
                cell["icon"] = found.icon.svg
    return shown


def report_data(report: HighlightReport) -> dict[str, Any]:
    """Everything the template prints, as plain JSON-ready values."""
    context = document_context(report)
    themes = []
    for theme, tables, actions in context["themes"]:  # type: ignore[attr-defined]
        themes.append(
            {
                "heading": f"{theme.code} {theme.title}",
                "rating": _rating(theme.rating),
                "narrative": theme.narrative,
                "tables": [
                    {
                        "grid": _grid(shown.grid),
                        "notes": [{"reference": refs, "text": text} for refs, text in shown.notes],
                        "earlier": [_grid(grid) for grid in shown.earlier],
                    }
                    | ({"signals": _grid(shown.signals)} if shown.signals else {})
                    for shown in tables
                ],
                # Each action on one row, its progress on a full-width row under it.
                "actions": _grid(actions, len(actions.header) - 1),
            }
        )
    return {
        "base": pdf.base_url(),
        "title": report.title,
        "month": report.month_label,
        "running": f"{report.partnership} · {report.plan} · highlight report for "
        f"{report.month_label}",
        "officer": report.senior_responsible_officer or "Not recorded",
        "date": f"{report.report_date.day} {report.report_date:%B %Y}",
        "status": _rating(report.status),
        "narrative": report.narrative,
        "summary": [_grid(grid) for grid in context["summary"]],  # type: ignore[attr-defined]
        "themes": themes,
    }


def render_pdf(report: HighlightReport) -> bytes:
    return pdf.typeset("highlight.typ", "report", report_data(report))
