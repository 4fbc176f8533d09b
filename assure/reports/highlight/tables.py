"""Tables of the highlight report as the documents' one table (assure.documents.model), so
its HTML, PDF, Word and Excel show the same columns in the same order."""

from __future__ import annotations

from django.urls import reverse

from assure.documents.model import Cell, Table
from assure.performance.tables import Cell as Figure
from assure.performance.tables import PerformanceTable
from assure.reports.highlight.model import HighlightReport, Rating, ThemeSection
from assure.reports.highlight.trend_charts import TrendChart

ARROWS = {"up": "↑", "down": "↓", "same": "↔"}


def _figure(cell: Figure) -> Cell:
    value = float(cell.value) if cell.value is not None else None
    said = f" ({cell.rating})" if cell.rating else ""
    return Cell(cell.text or ("n/a" if cell.note else ""), cell.rating, value, said=said)


def _rating(rating: Rating | None) -> Cell:
    if rating is None:
        return Cell("")
    linked = rating.colour in ("red", "amber")  # a red or amber links to what lies behind it
    return Cell(rating.text, rating.colour, href=rating.href if linked else "")


def performance_grid(
    table: PerformanceTable, charts: dict[int, TrendChart] | None = None, slug: str = ""
) -> Table:
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
        cells = [Cell(row.indicator.reference), Cell(row.indicator.title, href=href)]
        if charts is not None:
            chart = charts.get(row.indicator.pk)
            cells.append(Cell("" if chart else "Too few figures to draw", chart=chart))
        period = row.indicator.get_period_type_display()
        if row.baseline_year != table.baseline_year:
            period = f"{period} (baseline {row.baseline_label})"
        cells += [_figure(row.baseline), Cell(period)]
        cells += [_figure(c) for c in row.previous_months]
        cells += [_figure(row.final), _figure(row.year_to_date)]
        cells += [_figure(c) for c in row.current_months]
        trend = ARROWS.get(row.direction or "", "n/a")
        if row.judgement:
            trend += f" {row.judgement}"
        targets = [Cell(row.target_min, numeric=True), Cell(row.target_upper, numeric=True)]
        cells += [*targets, Cell(trend)]
        cells += [_figure(c) for c in row.benchmarks]
        rows.append(cells)
    return Table(table.heading or "Performance", header, rows, "performance", 1)


def months_grid(table: PerformanceTable, slug: str = "") -> Table:
    """The latest months of measures whose figures lie before the report's window: each
    measure and its figures, month by month, under a heading naming the last month."""
    months = table.previous_months + table.current_months
    header = ["Ref", "Performance measure", *[p.label for p in months]]
    rows = []
    for row in table.rows:
        href = reverse("indicator", args=[slug, row.indicator.pk]) if slug else ""
        cells = [Cell(row.indicator.reference), Cell(row.indicator.title, href=href)]
        rows.append(cells + [_figure(c) for c in row.previous_months + row.current_months])
    return Table(table.heading, header, rows, "months", 1)


def signal_grid(theme: ThemeSection, table: PerformanceTable, slug: str = "") -> Table:
    """Each measure's Making Data Count icons with their words, as the dashboard shows them,
    read at the reporting month: whether a change is a signal or noise, and whether the
    target will be met."""
    header = ["Ref", "Variation", "Assurance"]  # the measures' names are in the table above
    rows = []
    for row in table.rows:
        found = theme.signals.get(row.indicator.pk)
        if found is None:
            continue
        href = reverse("indicator", args=[slug, row.indicator.pk]) if slug else ""
        variation, assurance = found.picture(found.variation), found.picture(found.assurance)
        rows.append(
            [
                Cell(row.indicator.reference, href=href),
                Cell(found.variation_words, icon=variation),
                Cell(found.assurance_words, icon=assurance),
            ]
        )
    caption = f"Signal or noise: {table.heading or 'Performance'}"
    return Table(caption, header, rows, "signals", 0, empty="No measures.")


def actions_grid(report: HighlightReport, theme: ThemeSection) -> Table:
    """004's key actions: the objective and its lead (on its first action), the action, its
    owner, a rating a quarter, and the latest update's progress, barriers and next steps."""
    header = ["Ref", "Objective", "Action", "Owner", *report.quarter_labels, "Progress"]
    rows = [
        [Cell(a.code, href=a.href), Cell(a.objective), Cell(a.title), Cell(a.owner)]
        + [_rating(q) for q in a.quarters]
        + [Cell(a.account)]
        for a in theme.actions
    ]
    empty = "No progress recorded."
    notes = [theme.assigned_note] if theme.assigned_note else []
    return Table("Key actions", header, rows, "actions", empty=empty, last_below=True, notes=notes)


def summary_grids(report: HighlightReport) -> list[Table]:
    """The opening tables: key priorities, medium-term developments, risks, RAG guidance."""
    commitment_header = ["Ref", "Description", "Owner", "By when"]
    grids = [
        Table(
            caption,
            commitment_header,
            [
                [
                    Cell(c.reference),
                    Cell(c.description),
                    Cell(c.owner),
                    Cell(c.by_when),
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
    risk_header = ["Ref", "Risk or issue", "Description", "Mitigation", "Date raised", "Owner"]
    risk_header += ["Probability", "Impact", "Score"]
    band_colour = {"very high": "red", "high": "amber"}
    risk_rows = [
        [
            Cell(r.reference, href=r.href),
            Cell(r.kind),
            Cell(r.description),
            Cell(r.mitigation),
            Cell(r.raised),
            Cell(r.owner),
            Cell(str(r.probability), value=r.probability),
            Cell(str(r.impact), value=r.impact),
            Cell(str(r.score), band_colour.get(r.band), float(r.score), said=f" ({r.band})"),
        ]
        for r in report.risks
    ]
    grids.append(Table("Issue and risk register", risk_header, risk_rows, "risks"))
    guidance = [[_rating(g.rating), Cell(g.overall), Cell(g.action)] for g in report.guidance]
    grids.append(
        Table(
            "Guidance for RAG status",
            ["RAG", "Overall rating", "Individual actions"],
            guidance,
            "guidance",
        )
    )
    return grids
