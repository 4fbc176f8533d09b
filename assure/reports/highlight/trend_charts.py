"""The small trend chart of each performance measure in the highlight report.

Each chart is drawn once, as an SVG string, when the report model is built: the monthly
figures of the measure's table row as a line, the target band of each financial year shaded
behind it, and the latest figure marked. The browser, the HTML file and the PDF put the SVG
inline; Word and Excel put a PNG converted from the same SVG (`png`, by CairoSVG: see
docs/decisions/0016-report-trend-charts-and-fast-print.md). The row of the performance table
beside the chart holds the same figures, so the table is the chart's data table; the chart's
title says it in words for a screen reader and for the PDF's tags.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string

from analytics.periods import ReportingPeriod, financial_year_label
from assure.performance import units
from assure.performance.tables import Cell, PerformanceTable, TableRow

WIDTH, HEIGHT, PAD = 120, 30, 3
PNG_SCALE = 3  # a 360 x 90 pixel image: sharp in Word and Excel at the chart's size


@dataclass
class TrendChart:
    reference: str
    title: str  # the measure
    text: str  # the chart in words: its text alternative
    svg: str  # drawn once; Word and Excel convert this same drawing to PNG


@dataclass
class _Shape:
    """What the template draws, in the SVG's own units."""

    segments: list[str]
    bands: list[tuple[float, float, float, float]]  # x, y, width, height
    points: list[tuple[float, float]]

    @property
    def last(self) -> tuple[float, float]:
        return self.points[-1]


class _Scale:
    def __init__(self, numbers: list[float], percent: bool) -> None:
        low, high = min(numbers), max(numbers)
        pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
        if percent:
            low, high = max(low, 0.0), min(high, 100.0)
        self.low, self.high = low, high

    def y(self, value: float) -> float:
        value = min(max(value, self.low), self.high)
        share = (value - self.low) / (self.high - self.low)
        return round(HEIGHT - PAD - share * (HEIGHT - 2 * PAD), 1)


def _band_edges(row: TableRow, fy: int) -> list[float]:
    band = row.data.band(fy)
    threshold, stretch = band.edges(row.indicator.polarity) if band else (None, None)
    return [float(e) for e in (threshold, stretch) if e is not None]


def _shape(row: TableRow, months: list[tuple[ReportingPeriod, Cell]]) -> _Shape | None:
    figures = [(i, float(c.value)) for i, (_, c) in enumerate(months) if c.value is not None]
    if len(figures) < 2:
        return None
    years = sorted({p.financial_year for p, _ in months})
    edges = {fy: _band_edges(row, fy) for fy in years}
    numbers = [v for _, v in figures] + [e for ends in edges.values() for e in ends]
    scale = _Scale(numbers, row.indicator.unit == "percent")
    step = (WIDTH - 2 * PAD) / len(months)

    def x(index: int) -> float:
        return round(PAD + (index + 0.5) * step, 1)

    bands = []
    for fy, ends in edges.items():
        if not ends:
            continue
        indexes = [i for i, (p, _) in enumerate(months) if p.financial_year == fy]
        top, bottom = scale.y(max(ends)), scale.y(min(ends))
        width = round(step * len(indexes), 1)
        bands.append((round(x(indexes[0]) - step / 2, 1), top, width, max(bottom - top, 1.0)))
    points = [(index, x(index), scale.y(value)) for index, value in figures]
    return _Shape(_segments(points), bands, [(px, py) for _, px, py in points])


def _segments(points: list[tuple[int, float, float]]) -> list[str]:
    """The line through the figures, broken where a month is missing."""
    segments: list[list[str]] = [[]]
    for n, (index, x, y) in enumerate(points):
        if n and index != points[n - 1][0] + 1:
            segments.append([])
        segments[-1].append(f"{x},{y}")
    return [" ".join(s) for s in segments if len(s) > 1]


def _words(row: TableRow, months: list[tuple[ReportingPeriod, Cell]], fy: int) -> str:
    shown = [(p, c) for p, c in months if c.value is not None]
    first, last = shown[0], shown[-1]
    text = (
        f"Trend of {row.indicator.reference} {row.indicator.title}: {len(shown)} monthly "
        f"figures from {first[0].label} ({first[1].text}) to {last[0].label} ({last[1].text})"
    )
    if last[1].rating:
        text += f", rated {last[1].rating}"
    ends = _band_edges(row, fy)
    if ends:
        band = " to ".join(units.format_plain(Decimal(str(e)), row.indicator.unit) for e in ends)
        text += f". The shaded band is the target for {financial_year_label(fy)}: {band}"
    return text + "."


def trend_chart(table: PerformanceTable, row: TableRow) -> TrendChart | None:
    """The chart of a row's monthly figures, or None with fewer than two to draw."""
    periods = table.previous_months + table.current_months
    months = list(zip(periods, row.previous_months + row.current_months, strict=True))
    shape = _shape(row, months)
    if shape is None:
        return None
    text = _words(row, months, table.current_fy)
    context = {"shape": shape, "text": text, "width": WIDTH, "height": HEIGHT}
    svg = render_to_string("reports/trend_chart.svg", context).strip()
    return TrendChart(row.indicator.reference, row.indicator.title, text, svg)


def table_charts(table: PerformanceTable) -> dict[int, TrendChart]:
    """The chart of every row of a table that has figures to draw, by indicator id."""
    charts = ((row.indicator.pk, trend_chart(table, row)) for row in table.rows)
    return {pk: chart for pk, chart in charts if chart is not None}


@functools.lru_cache(maxsize=512)
def png(svg: str) -> bytes:
    """The chart as a PNG for Word and Excel, converted from its one SVG drawing."""
    import cairosvg  # only Word and Excel need it

    return cairosvg.svg2png(bytestring=svg.encode(), scale=PNG_SCALE, background_color="white")
