"""Tables of the highlight report flattened to a heading row and rated cells: the shape Word
and Excel write, so both show the same columns in the same order as the browser."""

from __future__ import annotations

from dataclasses import dataclass

from assure.performance.tables import Cell, PerformanceTable
from assure.reports.highlight import HighlightReport, Rating, ThemeSection

ARROWS = {"up": "↑", "down": "↓", "same": "↔"}


@dataclass
class GridCell:
    text: str
    colour: str | None = None  # red, amber, green, bright-green
    value: float | None = None  # the figure, for a spreadsheet cell


@dataclass
class Grid:
    caption: str
    header: list[str]
    rows: list[list[GridCell]]


def _figure(cell: Cell) -> GridCell:
    value = float(cell.value) if cell.value is not None else None
    return GridCell(cell.text or ("n/a" if cell.note else ""), cell.rating, value)


def _rating(rating: Rating | None) -> GridCell:
    return GridCell(rating.label, rating.colour) if rating else GridCell("")


def performance_grid(table: PerformanceTable) -> Grid:
    header = ["Ref", "Performance measure", f"Baseline {table.default_baseline_label}", "Period"]
    header += [f"{p.label}" for p in table.previous_months]
    header += [f"Final {table.previous_label}", "Current year to date"]
    header += [f"{p.label}" for p in table.current_months]
    header += [f"Target min {table.current_label}", "Target upper", "Trend (month)"]
    header += [name for _, _, name in table.benchmark_columns]
    rows = []
    for row in table.rows:
        cells = [GridCell(row.indicator.reference), GridCell(row.indicator.title)]
        cells += [_figure(row.baseline), GridCell(row.indicator.get_period_type_display())]
        cells += [_figure(c) for c in row.previous_months]
        cells += [_figure(row.final), _figure(row.year_to_date)]
        cells += [_figure(c) for c in row.current_months]
        trend = ARROWS.get(row.direction or "", "n/a")
        if row.judgement:
            trend += f" {row.judgement}"
        cells += [GridCell(row.target_min), GridCell(row.target_upper), GridCell(trend)]
        cells += [_figure(c) for c in row.benchmarks]
        rows.append(cells)
    return Grid(table.heading or "Performance", header, rows)


def actions_grid(report: HighlightReport, theme: ThemeSection) -> Grid:
    header = ["Ref", "Action", "Owner", *report.quarter_labels, "Progress"]
    rows = [
        [GridCell(a.code), GridCell(a.title), GridCell(a.owner)]
        + [_rating(q) for q in a.quarters]
        + [GridCell(a.narrative)]
        for a in theme.actions
    ]
    return Grid("Key actions", header, rows)


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
            GridCell(r.reference),
            GridCell(r.kind),
            GridCell(r.description),
            GridCell(r.mitigation),
            GridCell(r.owner),
            GridCell(str(r.probability), value=r.probability),
            GridCell(str(r.impact), value=r.impact),
            GridCell(str(r.score), band_colour.get(r.band), float(r.score)),
        ]
        for r in report.risks
    ]
    grids.append(Grid("Issue and risk register", risk_header, risk_rows))
    guidance = [
        [_rating(g.rating), GridCell(g.overall), GridCell(g.action)] for g in report.guidance
    ]
    grids.append(
        Grid("Guidance for RAG status", ["RAG", "Overall rating", "Individual actions"], guidance)
    )
    return grids
