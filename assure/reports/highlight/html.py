"""The highlight report as a standalone HTML document: the file the command line writes, to
read or print from a browser. Its tables are the grids Word, Excel and the PDF (`render_pdf`)
write, set in plain markup with a small print stylesheet (`reports/_print_style.html`)."""

from __future__ import annotations

from django.template.loader import render_to_string

from assure.reports.highlight.model import HighlightReport
from assure.reports.highlight.tables import actions_grid, performance_grid, summary_grids


def document_context(report: HighlightReport) -> dict[str, object]:
    """The report with its tables flattened to grids, each theme's measures with charts."""
    themes = [
        (
            theme,
            [(t, performance_grid(t, theme.charts, report.slug)) for t in theme.tables],
            actions_grid(report, theme),
        )
        for theme in report.themes
    ]
    return {"report": report, "summary": summary_grids(report), "themes": themes}


def render_html(report: HighlightReport) -> bytes:
    return render_to_string("reports/highlight_document.html", document_context(report)).encode()
