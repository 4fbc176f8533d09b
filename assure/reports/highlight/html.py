"""The highlight report as a standalone HTML document: the file the command line writes, to
read or print from a browser. Its tables are the grids Word, Excel and the PDF (`render_pdf`)
write, set in plain markup with a small print stylesheet (`reports/_print_style.html`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from assure.documents.model import Table
from assure.performance.tables import PerformanceTable
from assure.reports.highlight.model import HighlightReport, ThemeSection
from assure.reports.highlight.tables import (
    actions_grid,
    months_grid,
    performance_grid,
    signal_grid,
    summary_grids,
)


@dataclass
class Measures:
    """One performance table as every format prints it: its grid, its notes (data checks,
    and the register's counts beside the reported ones), the latest months of its measures
    whose figures lie before the window, then its measures' SPC icons."""

    table: PerformanceTable
    grid: Table
    notes: list[tuple[str, str]]
    signals: Table | None  # None in a report issued before the icons were read
    earlier: list[Table]  # the latest months of its measures behind the window


def measures(report: HighlightReport, theme: ThemeSection, slug: str = "") -> list[Measures]:
    return [
        Measures(
            table,
            performance_grid(table, theme.charts, slug),
            theme.notes_of(table),
            signal_grid(theme, table, slug) if theme.signals else None,
            [months_grid(found, slug) for found in theme.earlier.get(index, [])],
        )
        for index, table in enumerate(theme.tables)
    ]


def document_context(report: HighlightReport) -> dict[str, object]:
    """The report with its tables flattened to grids, each theme's measures with charts."""
    themes = [
        (theme, measures(report, theme, report.slug), actions_grid(report, theme))
        for theme in report.themes
    ]
    return {"report": report, "summary": summary_grids(report), "themes": themes}


def render_html(report: HighlightReport) -> bytes:
    return render_to_string("reports/highlight_document.html", document_context(report)).encode()
