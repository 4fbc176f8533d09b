"""Tables of the highlight report flattened to a heading row and rated cells: the shape the
PDF's HTML, Word and Excel write, so all show the same columns in the same order. A cell may
carry a link (HTML and PDF), words a screen reader hears beside its colour, and a chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from assure.performance.tables import Cell, PerformanceTable
from assure.reports.highlight import HighlightReport, Rating, ThemeSection
from assure.reports.trend_charts import TrendChart

ARROWS = {"up": "↑", "down": "↓", "same": "↔"}


@dataclass
class GridCell:
    text: str
    colour: str | None = None  # red, amber, green, bright-green
    value: float | None = None  # the figure, for a spreadsheet cell
    href: str = ""  # what lies behind it, linked in HTML and PDF
    said: str = ""  # words that say what the colour shows, for a screen reader
    chart: TrendChart | None = None  # SVG in HTML and PDF, PNG in Word and Excel


@dataclass
class Grid:
    caption: str
    header: list[str]
    rows: list[list[GridCell]]
    kind: str = ""  # commitments, risks, guidance, performance, actions: sets column widths
    row_header: int | None = None  # the column that names each row


def _figure(cell: Cell) -> GridCell:
    value = float(cell.value) if cell.value is not None else None
    said = f" ({cell.rating})" if cell.rating else ""
    return GridCell(cell.text or ("n/a" if cell.note else ""), cell.rating, value, said=said)


def _rating(rating: Rating | None) -> GridCell:
    if rating is None:
        return GridCell("")
    linked = rating.colour in ("red", "amber")  # a red or amber links to what lies behind it
    return GridCell(rating.label, rating.colour, href=rating.href if linked else "")


def performance_grid(
    table: PerformanceTable, charts: dict[int, TrendChart] | None = None, slug: str = ""
) -> Grid:
    """The table's rows; with `charts` (a theme's, by indicator id) a trend chart column
    follows the measure, and with the partnership's `slug` each measure links to its page."""
    header = ["Ref", "Performance measure", f"Baseline {table.baseline_label}", "Period"]
    if charts is not None:
        header.insert(2, "Trend chart")
    header += [f"{p.label}" for p in table.previous_months]
    header += [f"Final {table.previous_label}", "Current year to date"]
    header += [f"{p.label}" for p in table.current_months]
    header += [f"Target min {table.current_label}", "Target upper", "Trend (month)"]
    header += [name for _, _, name in table.benchmark_columns]
    rows = []
    for row in table.rows:
        href = reverse("indicator", args=[slug, row.indicator.pk]) if slug else ""
        cells = [GridCell(row.indicator.reference), GridCell(row.indicator.title, href=href)]
        if charts is not None:
            chart = charts.get(row.indicator.pk)
            cells.append(GridCell("" if chart else "Too few figures to draw", chart=chart))
        period = row.indicator.get_period_type_display()
        if row.baseline_year != table.baseline_year:
            period = f"{period} (baseline {row.baseline_label})"
        cells += [_figure(row.baseline), GridCell(period)]
        cells += [_figure(c) for c in row.previous_months]
        cells += [_figure(row.final), _figure(row.year_to_date)]
        cells += [_figure(c) for c in row.current_months]
        trend = ARROWS.get(row.direction or "", "n/a")
        if row.judgement:
            trend += f" {row.judgement}"
        cells += [GridCell(row.target_min), GridCell(row.target_upper), GridCell(trend)]
        cells += [_figure(c) for c in row.benchmarks]
        rows.append(cells)
    return Grid(table.heading or "Performance", header, rows, "performance", 1)


def actions_grid(report: HighlightReport, theme: ThemeSection) -> Grid:
    header = ["Ref", "Action", "Owner", *report.quarter_labels, "Progress"]
    rows = [
        [GridCell(a.code, href=a.href), GridCell(a.title), GridCell(a.owner)]
        + [_rating(q) for q in a.quarters]
        + [GridCell(a.narrative)]
        for a in theme.actions
    ]
    return Grid("Key actions", header, rows, "actions")


def summary_grids(report: HighlightReport) -> list[Grid]:
    """The opening tables: key priorities, medium-term developments, risks, RAG guidance."""
    commitment_header = ["Ref", "Description", "Owner", "By when"]
    grids = [
        Grid(
            caption,
            commitment_header,
            [
                [
                    GridCell(c.reference),
                    GridCell(c.description),
                    GridCell(c.owner),
                    GridCell(c.by_when),
                ]
                for c in rows
            ],
            "commitments",
        )
        for caption, rows in (
            ("Key priority areas", report.key_priorities),
            ("Medium-term developments", report.medium_term),
        )
    ]
    risk_header = ["Ref", "Risk or issue", "Description", "Mitigation", "Owner"]
    risk_header += ["Probability", "Impact", "Score"]
    band_colour = {"very high": "red", "high": "amber"}
    risk_rows = [
        [
            GridCell(r.reference, href=r.href),
            GridCell(r.kind),
            GridCell(r.description),
            GridCell(r.mitigation),
            GridCell(r.owner),
            GridCell(str(r.probability), value=r.probability),
            GridCell(str(r.impact), value=r.impact),
            GridCell(str(r.score), band_colour.get(r.band), float(r.score), said=f" ({r.band})"),
        ]
        for r in report.risks
    ]
    grids.append(Grid("Issue and risk register", risk_header, risk_rows, "risks"))
    guidance = [
        [_rating(g.rating), GridCell(g.overall), GridCell(g.action)] for g in report.guidance
    ]
    grids.append(
        Grid(
            "Guidance for RAG status",
            ["RAG", "Overall rating", "Individual actions"],
            guidance,
            "guidance",
        )
    )
    return grids
